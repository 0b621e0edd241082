import type {
  ChangeFailureRateResult,
  DeploymentReworkRateResult,
} from '@internal/plugin-dora-common';
import { useTheme } from '@material-ui/core/styles';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatBucketDate, formatPercent } from '../../lib/format';
import { ChartFrame } from '@internal/portal-react';

const percentTick = (v: number) => formatPercent(v);
const percentTooltip = (v: unknown) =>
  typeof v === 'number' ? formatPercent(v) : '—';

/** Change failure rate and rework rate per bucket, on one percentage axis. */
export function StabilityChart(props: {
  failureRate: ChangeFailureRateResult;
  reworkRate: DeploymentReworkRateResult;
}) {
  const theme = useTheme();
  const { failureRate, reworkRate } = props;
  // Both series come from the same bucketing of the same window, so they align by index.
  const data = failureRate.series.map((p, i) => ({
    bucket: formatBucketDate(p.bucketStart),
    failure: typeof p.value === 'number' ? p.value : null,
    rework:
      typeof reworkRate.series[i]?.value === 'number'
        ? reworkRate.series[i].value
        : null,
  }));
  return (
    <ChartFrame
      title="Failure and rework rate"
      summary={`Change failure rate ${formatPercent(
        failureRate.value,
      )}, rework rate ${formatPercent(reworkRate.value)}`}
    >
      <LineChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="bucket" />
        <YAxis tickFormatter={percentTick} domain={[0, 'auto']} />
        <Tooltip formatter={percentTooltip} />
        <Legend />
        <Line
          dataKey="failure"
          name="Change failure rate"
          stroke={theme.palette.error.main}
          isAnimationActive={false}
        />
        <Line
          dataKey="rework"
          name="Rework rate"
          stroke={theme.palette.warning.main}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFrame>
  );
}
