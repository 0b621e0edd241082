import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { Review, ReviewBottleneck } from '@internal/plugin-review-common';
import { STAGE_LABELS, formatDuration } from '../../lib/format';

function Contributors(props: {
  title: string;
  items: ReviewBottleneck[];
  kind: 'duration' | 'count';
}) {
  if (props.items.length === 0) return null;
  return (
    <Box mb={1}>
      <Typography variant="subtitle2">{props.title}</Typography>
      <ol>
        {props.items.map(b => (
          <li key={b.id}>
            <Typography variant="body2">
              {STAGE_LABELS[b.id] ?? b.id}:{' '}
              {props.kind === 'duration'
                ? `median ${formatDuration(b.value)}, ${Math.round(
                    b.share * 100,
                  )}% of the stage medians`
                : `${b.value} deployments, ${Math.round(
                    b.share * 100,
                  )}% of the failed`}
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

/** Per row, the three largest contributors to lead time and to failed changes, with evidence. */
export function Bottlenecks(props: { review: Review }) {
  const rows = props.review.rows.filter(
    r => r.bottlenecks.leadTime.length > 0 || r.bottlenecks.failures.length > 0,
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
          <Contributors
            title="Why changes failed"
            items={row.bottlenecks.failures}
            kind="count"
          />
        </Box>
      ))}
    </>
  );
}
