import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { SourceCoverage as Coverage } from '../../api';
import { useCoverage } from '../../hooks';

const SOURCE_LABELS: Record<Coverage['source'], string> = {
  github: 'GitHub webhooks',
  cdevents: 'CDEvents',
};

const number = (n: number) => n.toLocaleString('en-GB');

/** One source's line: what arrived and what the figures could not count. */
export function coverageLine(c: Coverage): string {
  const ignored = Object.entries(c.ignored)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${number(n)} ${reason}`);
  return [
    `${SOURCE_LABELS[c.source] ?? c.source}: ${number(c.received)} received`,
    `${number(c.attributed)} attributed`,
    ...(ignored.length > 0 ? [`ignored ${ignored.join(', ')}`] : []),
    ...(c.refused > 0 ? [`${number(c.refused)} refused`] : []),
  ].join(', ');
}

/**
 * How complete the data behind the figures is: events each source sent in the last 7 days, how
 * many were attributed to a service and why the others were not, linked to the raw answer.
 */
export function SourceCoverage() {
  const { value, loading, error } = useCoverage();
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  return (
    <Typography variant="body2" color="textSecondary" component="div">
      Sources over the last 7 days (
      <Link to={value.url} data-testid="coverage-link">
        coverage
      </Link>
      ):
      <ul>
        {value.coverage.sources.map(c => (
          <li key={c.source} data-testid="coverage-source">
            {c.received === 0
              ? `${SOURCE_LABELS[c.source] ?? c.source}: nothing received`
              : coverageLine(c)}
          </li>
        ))}
      </ul>
    </Typography>
  );
}
