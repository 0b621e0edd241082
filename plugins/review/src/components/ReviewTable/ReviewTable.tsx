import { Link } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  DORA_KEYS,
  type LeadTimeChanges,
  type MonthChange,
  type Review,
} from '@internal/plugin-review-common';
import { KEY_LABELS, formatPercent, formatValue } from '../../lib/format';
import { changesAnchor, rowLinks } from '../../lib/links';

function changeText(change: MonthChange, unit: string): string {
  if (change.direction === null) return 'no previous month';
  if (change.direction === 'unchanged') return 'unchanged';
  const arrow = change.delta! > 0 ? '▲' : '▼';
  const rel =
    change.relative === null
      ? ''
      : ` ${Math.abs(Math.round(change.relative * 100))}%`;
  return `${arrow}${rel} ${change.direction} (was ${formatValue(
    unit,
    change.previous,
  )})`;
}

/** PRs only when the deployments name them (many pipelines send commits alone). */
function changesText(changes: LeadTimeChanges): string {
  const more = changes.truncated ? '+' : '';
  const commits = `${changes.commits.length}${more} commits`;
  return changes.pullRequests.length > 0
    ? `${changes.pullRequests.length}${more} PRs · ${commits}`
    : commits;
}

// Eleven columns of figures with their month-on-month notes do not fit beside the sidebar: the
// table scrolls sideways on screen instead of squeezing team names and headers letter by letter;
// on paper it takes the page's width.
const useStyles = makeStyles({
  scroll: {
    overflowX: 'auto',
    '@media print': { overflowX: 'visible' },
  },
  table: {
    minWidth: 1150,
    '@media print': { minWidth: 0 },
  },
  name: { minWidth: 110 },
});

/** One line per team or service; each cell links to the page behind it, filtered to the row. */
export function ReviewTable(props: { review: Review }) {
  const { review } = props;
  const classes = useStyles();
  // Snapshots made before the gate was counted have no gate figures: no column rather than dashes.
  const hasGate = review.rows.some(r => r.gate !== undefined);
  return (
    <div className={classes.scroll}>
      <Table size="small" aria-label="Monthly review" className={classes.table}>
        <TableHead>
          <TableRow>
            <TableCell className={classes.name}>
              {review.rows[0]?.kind === 'service' ? 'Service' : 'Team'}
            </TableCell>
            {DORA_KEYS.map(key => (
              <TableCell key={key}>{KEY_LABELS[key]}</TableCell>
            ))}
            <TableCell>SLOs met</TableCell>
            {hasGate && <TableCell>Deploy gate</TableCell>}
            <TableCell>Conformance</TableCell>
            {review.hasScorecard && <TableCell>Scorecard</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {review.rows.map(row => {
            const links = rowLinks(row, review.scope, review.month);
            return (
              <TableRow key={row.ref} data-testid={`row-${row.ref}`}>
                <TableCell>
                  <Typography variant="body2">{row.title}</Typography>
                </TableCell>
                {DORA_KEYS.map(key => {
                  const k = row.dora[key];
                  return (
                    <TableCell key={key}>
                      <Link
                        to={links.dora}
                        aria-label={`${KEY_LABELS[key]} of ${row.title}`}
                        // The unrounded figure, so a check can hold it against the page behind.
                        data-value={k.value ?? ''}
                      >
                        {formatValue(k.unit, k.value)}
                      </Link>
                      {k.tier && (
                        <Typography variant="caption" display="block">
                          {k.tier}
                        </Typography>
                      )}
                      <Typography
                        variant="caption"
                        display="block"
                        color="textSecondary"
                      >
                        {changeText(k.change, k.unit)}
                      </Typography>
                      {key === 'changeLeadTime' &&
                        (row.leadTimeChanges?.deployments ?? 0) > 0 && (
                          <Typography variant="caption" display="block">
                            <a
                              href={`#${changesAnchor(row.ref)}`}
                              aria-label={`Pull requests and commits behind the lead time of ${row.title}`}
                            >
                              {changesText(row.leadTimeChanges!)}
                            </a>
                          </Typography>
                        )}
                    </TableCell>
                  );
                })}
                <TableCell>
                  {row.slo ? (
                    <Link to={links.slos} aria-label={`SLOs of ${row.title}`}>
                      {row.slo.met}/{row.slo.judged} of {row.slo.slos}
                    </Link>
                  ) : (
                    '–'
                  )}
                  {row.slo && (
                    <Typography
                      variant="caption"
                      display="block"
                      color="textSecondary"
                    >
                      budget left {formatPercent(row.slo.lowestBudgetLeft)} ·{' '}
                      {row.slo.alertsFired} alerts · {row.slo.freezeHours} h
                      frozen
                    </Typography>
                  )}
                </TableCell>
                {hasGate && (
                  <TableCell aria-label={`Deploy gate of ${row.title}`}>
                    {row.gate
                      ? `${row.gate.denials} denied of ${row.gate.decisions}`
                      : '–'}
                    {row.gate && row.gate.denialsByEntity.length > 0 && (
                      <Typography
                        variant="caption"
                        display="block"
                        color="textSecondary"
                      >
                        {row.gate.denialsByEntity
                          .map(
                            d => `${d.entityRef.split('/').pop()} ${d.denials}`,
                          )
                          .join(' · ')}
                      </Typography>
                    )}
                  </TableCell>
                )}
                <TableCell>
                  {row.conformance && row.conformance.score !== null ? (
                    <Link
                      to={links.conformance}
                      aria-label={`Conformance of ${row.title}`}
                    >
                      {row.conformance.score}
                    </Link>
                  ) : (
                    '–'
                  )}
                </TableCell>
                {review.hasScorecard && (
                  <TableCell>{row.scorecardLevel ?? '–'}</TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
