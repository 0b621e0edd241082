import type { ChangeLeadTimeResult } from '@internal/plugin-dora-common';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatBucketDate, formatDuration } from '../../lib/format';
import { ChartFrame } from '@internal/portal-react';

const STAGES = [
  ['coding', 'Coding'],
  ['pickup', 'Pickup'],
  ['review', 'Review'],
  ['deploy', 'Deploy'],
] as const;

const durationTick = (v: number) => formatDuration(v);
const durationTooltip = (v: unknown) =>
  typeof v === 'number' ? formatDuration(v) : '—';

/** Stage medians, only for stages the PR data could measure. */
function breakdownOf(result: ChangeLeadTimeResult) {
  return STAGES.filter(
    ([key]) => result.breakdown?.[key]?.median !== undefined,
  ).map(([key, label]) => ({
    stage: label,
    median: result.breakdown[key].median as number,
  }));
}

/** Median lead time per bucket, with the coding → deploy breakdown when PR data exists. */
export function LeadTimeChart(props: { result: ChangeLeadTimeResult }) {
  const theme = useTheme();
  const { result } = props;
  const data = result.series.map(p => ({
    bucket: formatBucketDate(p.bucketStart),
    median: typeof p.value === 'number' ? p.value : null,
  }));
  const stages = breakdownOf(result);
  const footer =
    stages.length > 0 ? (
      <>
        <Typography variant="subtitle2">
          Breakdown (median per pull request)
        </Typography>
        <Typography variant="body2" data-testid="lead-time-breakdown">
          {stages
            .map(s => `${s.stage} ${formatDuration(s.median)}`)
            .join(' → ')}
        </Typography>
        <figure aria-label="Lead time breakdown" style={{ margin: 0 }}>
          <BarChart
            width={480}
            height={140}
            data={stages}
            layout="vertical"
            margin={{ left: 24 }}
          >
            <XAxis type="number" tickFormatter={durationTick} />
            <YAxis type="category" dataKey="stage" />
            <Tooltip formatter={durationTooltip} />
            <Bar
              dataKey="median"
              name="Median"
              fill={theme.palette.primary.light}
              isAnimationActive={false}
            />
          </BarChart>
        </figure>
      </>
    ) : (
      <Typography variant="body2" color="textSecondary">
        No pull-request data for a breakdown.
      </Typography>
    );
  return (
    <ChartFrame
      title="Change lead time"
      summary={
        result.count === 0
          ? 'No deployed changes in this window'
          : `Median ${formatDuration(result.median)}, p90 ${formatDuration(
              result.p90,
            )} over ${result.count} changes`
      }
      footer={footer}
    >
      <LineChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="bucket" />
        <YAxis tickFormatter={durationTick} />
        <Tooltip formatter={durationTooltip} />
        <Line
          dataKey="median"
          name="Median lead time"
          stroke={theme.palette.primary.main}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFrame>
  );
}
