import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ErrorPanel,
  InfoCard,
  Link,
  Progress,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  DEFAULT_LEVELS,
  LEVEL_ORDER,
  findCheck,
} from '@internal/plugin-scorecard-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useEntityScorecard } from '../../hooks';
import { LevelChip } from '../LevelChip';
import { NotEvaluated } from '../NotEvaluated';

// Level and result are one or two words: kept on one line, the evidence and the fix wrap instead.
const ONE_LINE = { whiteSpace: 'nowrap' } as const;

const STATE_LABEL = {
  pass: 'Pass',
  fail: 'Fail',
  exempt: 'Exempt',
  'not-applicable': 'Not applicable',
  pending: 'Pending',
} as const;

/** Entity tab: every check, level by level, with what was seen, the evidence and the fix. */
export function ScorecardTab() {
  const { entity } = useEntity();
  const { value, loading, error } = useEntityScorecard(
    stringifyEntityRef(entity),
  );
  if (loading) return <Progress />;
  if (error) {
    return <ErrorPanel title="Scorecard could not be loaded" error={error} />;
  }
  if (!value) return <NotEvaluated />;
  const { scorecard, trend } = value;
  const byCheck = new Map(scorecard.results.map(r => [r.checkId, r]));
  // The default levels; a scorecard.levels override in config is not reflected in this column.
  const levelOf = (id: string) =>
    LEVEL_ORDER.find(l => DEFAULT_LEVELS[l].includes(id));
  return (
    <InfoCard title="Definition of Done">
      <Box display="flex" alignItems="center" gridGap={16} mb={2}>
        <LevelChip level={scorecard.level} />
        <Typography variant="h6">
          {scorecard.score === null ? 'no score' : `${scorecard.score}/100`}
        </Typography>
        <Typography variant="body2" color="textSecondary" aria-label="trend">
          {trend.map(t => `${t.day.slice(5)}: ${t.score ?? '–'}`).join(' · ')}
        </Typography>
      </Box>
      <Table size="small" aria-label="checks">
        <TableHead>
          <TableRow>
            <TableCell style={ONE_LINE}>Level</TableCell>
            <TableCell>Check</TableCell>
            <TableCell style={ONE_LINE}>Result</TableCell>
            <TableCell>Seen</TableCell>
            <TableCell>How to fix</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {[...byCheck.keys()].map(id => {
            const r = byCheck.get(id)!;
            const check = findCheck(id);
            return (
              <TableRow key={id} data-state={r.state}>
                <TableCell style={ONE_LINE}>{levelOf(id) ?? ''}</TableCell>
                <TableCell>{check?.title ?? id}</TableCell>
                <TableCell style={ONE_LINE}>{STATE_LABEL[r.state]}</TableCell>
                <TableCell>
                  {r.message}
                  {r.evidenceUrl && (
                    <>
                      {' · '}
                      <Link to={r.evidenceUrl}>evidence</Link>
                    </>
                  )}
                </TableCell>
                <TableCell>
                  {r.state === 'fail' ? check?.remediation : ''}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
