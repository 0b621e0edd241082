import { Link } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  CheckState,
  EntityScorecard,
} from '@internal/plugin-scorecard-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import type { CheckWithLevel } from '../../api';
import { LevelChip } from '../LevelChip';

const SYMBOL: Record<CheckState, string> = {
  pass: '✓',
  fail: '✗',
  exempt: 'E',
  'not-applicable': '–',
  pending: '…',
};

// Twenty check columns do not fit a laptop screen. Squeezed into it, the table broke entity
// names and headers a letter per line; instead every cell keeps its words on one line, check
// headers are short (the full title is their tooltip), and the matrix scrolls sideways with
// the entity column kept in view.
const useStyles = makeStyles(theme => ({
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  table: { width: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
  entity: {
    whiteSpace: 'nowrap',
    minWidth: 180,
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: theme.palette.background.paper,
  },
  check: {
    whiteSpace: 'nowrap',
    textAlign: 'center',
    minWidth: 56,
    padding: theme.spacing(0.75, 1),
  },
}));

function entityPath(ref: string) {
  const { kind, namespace, name } = parseEntityRef(ref);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase('en-US')}/${name}`;
}

/** Entities × checks: one symbol per result, what was seen on hover. */
export function ScorecardMatrix(props: {
  checks: CheckWithLevel[];
  items: EntityScorecard[];
}) {
  const { checks, items } = props;
  const classes = useStyles();
  return (
    <Box
      className={classes.scroll}
      role="region"
      aria-label="entities by checks"
      tabIndex={0}
    >
      <Table size="small" aria-label="scorecards" className={classes.table}>
        <TableHead>
          <TableRow>
            <TableCell className={classes.entity}>Entity</TableCell>
            <TableCell className={classes.nowrap}>Level</TableCell>
            <TableCell className={classes.nowrap}>Score</TableCell>
            {checks.map(c => (
              <TableCell key={c.id} className={classes.check}>
                <Tooltip
                  title={`${c.title} (${c.id}, ${c.level ?? 'no level'})`}
                >
                  <span>{c.shortTitle}</span>
                </Tooltip>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(item => {
            const byCheck = new Map(item.results.map(r => [r.checkId, r]));
            return (
              <TableRow key={item.entityRef} data-entity={item.entityRef}>
                <TableCell className={classes.entity}>
                  <Link to={entityPath(item.entityRef)}>
                    {item.title ?? item.entityRef}
                  </Link>
                </TableCell>
                <TableCell className={classes.nowrap}>
                  <LevelChip level={item.level} />
                </TableCell>
                <TableCell className={classes.nowrap}>
                  {item.score ?? '–'}
                </TableCell>
                {checks.map(c => {
                  const r = byCheck.get(c.id);
                  return (
                    <TableCell
                      key={c.id}
                      className={classes.check}
                      data-state={r?.state ?? 'missing'}
                    >
                      {r ? (
                        <Tooltip title={r.message}>
                          <span aria-label={`${c.id}: ${r.state}`}>
                            {SYMBOL[r.state]}
                          </span>
                        </Tooltip>
                      ) : (
                        ''
                      )}
                    </TableCell>
                  );
                })}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}
