import { useTheme } from '@material-ui/core/styles';

const W = 600;
const H = 160;
const PAD = 24;

/**
 * Passing entities per day against the entities in scope: a step line rising towards the total
 * line. Plain SVG: two lines do not need a charting library.
 */
export function BurnUpChart(props: {
  points: { day: string; passing: number; total: number }[];
}) {
  const theme = useTheme();
  const { points } = props;
  if (points.length === 0) return null;
  const max = Math.max(1, ...points.map(p => p.total));
  const x = (i: number) =>
    PAD + (points.length === 1 ? 0 : (i * (W - 2 * PAD)) / (points.length - 1));
  const y = (v: number) => H - PAD - (v * (H - 2 * PAD)) / max;
  // A single day is stretched across the plot, so the total still reads as a line.
  const line = (key: 'passing' | 'total') =>
    points.length === 1
      ? `${PAD},${y(points[0][key])} ${W - PAD},${y(points[0][key])}`
      : points.map((p, i) => `${x(i)},${y(p[key])}`).join(' ');
  const last = points[points.length - 1];
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      aria-label={`burn-up: ${last.passing} of ${last.total} passing on ${last.day}`}
    >
      <polyline
        points={line('total')}
        fill="none"
        stroke={theme.palette.text.secondary}
        strokeDasharray="4 4"
      />
      <polyline
        points={line('passing')}
        fill="none"
        stroke={theme.palette.success.main}
        strokeWidth={2}
      />
      {/* One dot per day: on a campaign's first day the lines are a single point and draw nothing. */}
      {points.map((p, i) => (
        <circle
          key={p.day}
          data-testid="burn-up-point"
          cx={x(i)}
          cy={y(p.passing)}
          r={3}
          fill={theme.palette.success.main}
        >
          <title>{`${p.day}: ${p.passing} of ${p.total} passing`}</title>
        </circle>
      ))}
      <text x={PAD} y={H - 4} fontSize={11} fill={theme.palette.text.secondary}>
        {points[0].day}
      </text>
      {points.length > 1 && (
        <text
          x={W - PAD}
          y={H - 4}
          fontSize={11}
          textAnchor="end"
          fill={theme.palette.text.secondary}
        >
          {last.day}
        </text>
      )}
      <text
        x={W - PAD}
        y={y(last.total) - 6}
        fontSize={11}
        textAnchor="end"
        fill={theme.palette.text.secondary}
      >
        {`${last.total} in scope`}
      </text>
      <text
        x={x(points.length - 1) + (points.length === 1 ? 8 : -8)}
        y={y(last.passing) - 6}
        fontSize={11}
        textAnchor={points.length === 1 ? 'start' : 'end'}
        fill={theme.palette.success.main}
      >
        {`${last.passing} passing`}
      </text>
    </svg>
  );
}
