import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ErrorPanel,
  InfoCard,
  Link,
  Progress,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { findCheck } from '@internal/plugin-scorecard-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useEntityScorecard } from '../../hooks';
import { LevelChip } from '../LevelChip';
import { NotEvaluated } from '../NotEvaluated';

/** Entity card: level, score and trend, and each failing check with remediation and evidence. */
export function ScorecardCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useEntityScorecard(entityRef);

  if (loading)
    return (
      <InfoCard title="Scorecard">
        <Progress />
      </InfoCard>
    );
  if (error)
    return <ErrorPanel title="Scorecard could not be loaded" error={error} />;
  if (!value) {
    return (
      <InfoCard title="Scorecard">
        <NotEvaluated />
      </InfoCard>
    );
  }
  const { scorecard, trend, nextLevel } = value;
  const failing = scorecard.results.filter(r => r.state === 'fail');
  const exempt = scorecard.results.filter(r => r.state === 'exempt');
  const pending = scorecard.results.filter(r => r.state === 'pending');
  const first = trend.find(t => t.score !== null);
  return (
    <InfoCard
      title="Scorecard"
      subheader={`Definition of Done, ${scorecard.day}`}
    >
      <Box display="flex" alignItems="center" gridGap={16} mb={1}>
        <LevelChip level={scorecard.level} />
        <Typography variant="h6" aria-label="score">
          {scorecard.score === null ? 'no score' : `${scorecard.score}/100`}
        </Typography>
        {first && first.day !== scorecard.day && (
          <Typography variant="body2" color="textSecondary">
            {`${first.score} on ${first.day}`}
          </Typography>
        )}
      </Box>
      {nextLevel && (
        <Typography variant="body2">
          {`Next: ${nextLevel.level}, blocked by ${
            nextLevel.checkIds.length
          } check${nextLevel.checkIds.length > 1 ? 's' : ''}`}
        </Typography>
      )}
      {failing.length === 0 ? (
        <Typography variant="body2">No failing checks.</Typography>
      ) : (
        <List dense aria-label="failing checks">
          {failing.map(r => {
            const check = findCheck(r.checkId);
            return (
              <ListItem key={r.checkId} disableGutters>
                <ListItemText
                  primary={
                    <>
                      {check?.title ?? r.checkId}
                      {r.evidenceUrl && (
                        <>
                          {' · '}
                          <Link to={r.evidenceUrl}>evidence</Link>
                        </>
                      )}
                    </>
                  }
                  secondary={`${r.message}. ${check?.remediation ?? ''}`}
                  // Messages carry long unbroken tokens (annotation names, deployment ids) that
                  // otherwise ran past the card's edge and were cut off.
                  secondaryTypographyProps={{
                    style: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
                  }}
                />
              </ListItem>
            );
          })}
        </List>
      )}
      {pending.length > 0 && (
        <Typography variant="body2" color="textSecondary" aria-label="pending">
          {`Not judged yet (${
            pending[0].message
          }), counted neither way: ${pending
            .map(r => findCheck(r.checkId)?.title ?? r.checkId)
            .join(', ')}`}
        </Typography>
      )}
      {exempt.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          {`Exempt: ${exempt
            .map(r => `${r.checkId} (${r.message})`)
            .join('; ')}`}
        </Typography>
      )}
    </InfoCard>
  );
}
