import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  ErrorPanel,
  InfoCard,
  Link,
  Progress,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { LEVEL_ORDER } from '@internal/plugin-scorecard-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useRollup } from '../../hooks';
import { LevelChip } from '../LevelChip';

/** Card on group and system pages: the roll-up's level, entities per level, biggest moves. */
export function RollupCard() {
  const { entity } = useEntity();
  const ref = stringifyEntityRef(entity);
  const isGroup = entity.kind.toLocaleLowerCase('en-US') === 'group';
  const { value, loading, error } = useRollup(
    isGroup ? { group: ref } : { system: ref },
  );
  if (loading) {
    return (
      <InfoCard title="Scorecards">
        <Progress />
      </InfoCard>
    );
  }
  if (error) {
    return <ErrorPanel title="Scorecards could not be loaded" error={error} />;
  }
  if (!value || value.rollup.entities === 0) {
    return (
      <InfoCard title="Scorecards">
        <EmptyState
          missing="data"
          title="No scorecards"
          description={`No evaluated component ${
            isGroup
              ? 'is owned by this team or its sub-teams'
              : 'is part of this system'
          }.`}
        />
      </InfoCard>
    );
  }
  const { rollup, changes } = value;
  const query = isGroup
    ? `owner=${encodeURIComponent(ref)}`
    : `system=${encodeURIComponent(ref)}`;
  return (
    <InfoCard
      title="Scorecards"
      deepLink={{ title: 'Entities × checks', link: `/scorecards?${query}` }}
    >
      <Box display="flex" alignItems="center" gridGap={16} mb={1}>
        <LevelChip level={rollup.level} />
        <Typography variant="h6" aria-label="mean score">
          {rollup.meanScore === null ? 'no score' : `${rollup.meanScore}/100`}
        </Typography>
      </Box>
      <Typography variant="body2" aria-label="levels">
        {`${rollup.entities} components: ${LEVEL_ORDER.map(
          l => `${rollup.levels[l]} ${l}`,
        ).join(', ')}, ${rollup.levels.none} below bronze`}
      </Typography>
      {changes.mostImproved[0] && (
        <Typography variant="body2">
          {'Most improved since '}
          {changes.since}
          {': '}
          <Link to={`/scorecards?${query}`}>
            {`${changes.mostImproved[0].entityRef} +${changes.mostImproved[0].change}`}
          </Link>
        </Typography>
      )}
      {changes.worstDrops[0] && (
        <Typography variant="body2">
          {`Worst drop: ${changes.worstDrops[0].entityRef} ${changes.worstDrops[0].change}`}
        </Typography>
      )}
    </InfoCard>
  );
}
