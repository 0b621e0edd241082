import type { FailedDeploymentRecoveryTimeResult } from '@internal/plugin-dora-common';
import { useTheme } from '@material-ui/core/styles';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBucketDate, formatDuration } from '../../lib/format';
import { ChartFrame } from '@internal/portal-react';

const durationTick = (v: number) => formatDuration(v);
const durationTooltip = (v: unknown) =>
  typeof v === 'number' ? formatDuration(v) : '—';

function summaryOf(result: FailedDeploymentRecoveryTimeResult): string {
  if (result.failed === 0) return 'No failed deployments in this window';
  const recovered = `Median ${formatDuration(
    result.median,
  )}, p90 ${formatDuration(result.p90)} over ${result.count} recovered`;
  return result.unrecovered > 0
    ? `${recovered}; ${result.unrecovered} not recovered yet`
    : recovered;
}

/** Median time to recover a failed deployment, per bucket. */
export function RecoveryChart(props: {
  result: FailedDeploymentRecoveryTimeResult;
}) {
  const theme = useTheme();
  const data = props.result.series.map(p => ({
    bucket: formatBucketDate(p.bucketStart),
    median: typeof p.value === 'number' ? p.value : null,
  }));
  return (
    <ChartFrame title="Recovery time" summary={summaryOf(props.result)}>
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="bucket" />
        <YAxis tickFormatter={durationTick} />
        <Tooltip formatter={durationTooltip} />
        <Bar
          dataKey="median"
          name="Median recovery time"
          fill={theme.palette.secondary.main}
          isAnimationActive={false}
        />
      </BarChart>
    </ChartFrame>
  );
}
