import type { SeriesPoint } from '@internal/plugin-dora-common';
import { useTheme } from '@material-ui/core/styles';
import { Line, LineChart } from 'recharts';

/**
 * A tiny line of a key's series. Fixed size (no ResponsiveContainer) because
 * it sits in a table cell; empty buckets stay gaps rather than dropping to 0,
 * which would read as "instant" for durations.
 */
export function Sparkline(props: {
  series: readonly SeriesPoint[] | undefined;
  label: string;
  width?: number;
  height?: number;
}) {
  const theme = useTheme();
  const data = (props.series ?? []).map(p => ({
    t: p.bucketStart,
    v: typeof p.value === 'number' ? p.value : null,
  }));
  const withData = data.filter(d => d.v !== null).length;
  if (withData < 2) return null;
  return (
    <span role="img" aria-label={props.label} data-testid="sparkline">
      <LineChart
        width={props.width ?? 80}
        height={props.height ?? 24}
        data={data}
        margin={{ top: 2, right: 2, bottom: 2, left: 2 }}
      >
        <Line
          type="monotone"
          dataKey="v"
          stroke={theme.palette.primary.main}
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
          connectNulls={false}
        />
      </LineChart>
    </span>
  );
}
