import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  LeadTimeChanges,
  Review,
  ReviewBottleneck,
} from '@internal/plugin-review-common';
import { STAGE_LABELS, formatDuration } from '../../lib/format';
import { changesAnchor } from '../../lib/links';

function Contributors(props: {
  title: string;
  items: ReviewBottleneck[];
  kind: 'duration' | 'count' | 'recovery';
}) {
  if (props.items.length === 0) return null;
  return (
    <Box mb={1}>
      <Typography variant="subtitle2">{props.title}</Typography>
      <ol>
        {props.items.map(b => (
          <li key={b.id}>
            <Typography variant="body2">
              {STAGE_LABELS[b.id] ?? b.id}: {contributorText(props.kind, b)}
            </Typography>
            {b.evidence.length > 0 && (
              <details>
                <summary>
                  {b.evidence.length} deployment
                  {b.evidence.length === 1 ? '' : 's'}
                </summary>
                <ul aria-label={`Evidence for ${STAGE_LABELS[b.id] ?? b.id}`}>
                  {b.evidence.map(d => (
                    <li key={d.id}>
                      <Typography variant="caption">
                        {d.id} · {d.entityRef} · {d.status} ·{' '}
                        {d.finishedAt?.slice(0, 16).replace('T', ' ')}
                        {d.changeIds && d.changeIds.length > 0
                          ? ` · ${d.changeIds.join(', ')}`
                          : ''}
                      </Typography>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        ))}
      </ol>
    </Box>
  );
}

function contributorText(
  kind: 'duration' | 'count' | 'recovery',
  b: ReviewBottleneck,
): string {
  const share = Math.round(b.share * 100);
  if (kind === 'duration') {
    return `median ${formatDuration(b.value)}, ${share}% of the stage medians`;
  }
  if (kind === 'recovery') {
    return `restored after ${formatDuration(
      b.value,
    )}, ${share}% of the month's recovery time`;
  }
  return `${b.value} deployments, ${share}% of the failed`;
}

/** The PRs and commits the lead-time figure rests on; the table's lead-time cell links here. */
function Changes(props: { rowRef: string; changes?: LeadTimeChanges }) {
  const { changes } = props;
  if (!changes || changes.deployments === 0) return null;
  return (
    <Box mb={1} id={changesAnchor(props.rowRef)}>
      <Typography variant="subtitle2">
        Behind the lead time: {changes.pullRequests.length} pull requests and{' '}
        {changes.commits.length} commits in {changes.deployments} deployments
        {changes.truncated ? ' (lists cut)' : ''}
      </Typography>
      <details>
        <summary>Pull requests and commits</summary>
        <ul aria-label="Pull requests behind the lead time">
          {changes.pullRequests.map(pr => (
            <li key={pr}>
              <Typography variant="caption">{pr}</Typography>
            </li>
          ))}
        </ul>
        <ul aria-label="Commits behind the lead time">
          {changes.commits.map(c => (
            <li key={c}>
              <Typography variant="caption">{c.slice(0, 12)}</Typography>
            </li>
          ))}
        </ul>
      </details>
    </Box>
  );
}

/** Per row, the three largest contributors to lead time and to failed changes, with evidence. */
export function Bottlenecks(props: { review: Review }) {
  const rows = props.review.rows.filter(
    r =>
      r.bottlenecks.leadTime.length > 0 ||
      r.bottlenecks.failures.length > 0 ||
      (r.bottlenecks.recovery?.length ?? 0) > 0 ||
      (r.leadTimeChanges?.deployments ?? 0) > 0,
  );
  if (rows.length === 0) {
    return (
      <Typography variant="body2">
        No pull requests or failed deployments in this month.
      </Typography>
    );
  }
  return (
    <>
      {rows.map(row => (
        <Box key={row.ref} mb={2} data-testid={`bottlenecks-${row.ref}`}>
          <Typography variant="h6">{row.title}</Typography>
          <Contributors
            title="Where lead time went (PR stages)"
            items={row.bottlenecks.leadTime}
            kind="duration"
          />
          <Changes rowRef={row.ref} changes={row.leadTimeChanges} />
          <Contributors
            title="Why changes failed"
            items={row.bottlenecks.failures}
            kind="count"
          />
          <Contributors
            title="Longest to restore (failed deployments)"
            items={row.bottlenecks.recovery ?? []}
            kind="recovery"
          />
        </Box>
      ))}
    </>
  );
}
