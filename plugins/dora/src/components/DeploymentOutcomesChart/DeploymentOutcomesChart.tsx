import { useTheme } from '@material-ui/core/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatBucketDate } from '../../lib/format';
import { WeekOutcomes } from '../../lib/outcomes';
import { ChartFrame } from '@internal/portal-react';

/** Completed deployments per ISO week, stacked by outcome. */
export function DeploymentOutcomesChart(props: {
  weeks: readonly WeekOutcomes[];
}) {
  const theme = useTheme();
  const totals = props.weeks.reduce(
    (t, w) => ({
      success: t.success + w.success,
      failed: t.failed + w.failed,
      rolledBack: t.rolledBack + w.rolledBack,
    }),
    { success: 0, failed: 0, rolledBack: 0 },
  );
  const data = props.weeks.map(w => ({
    ...w,
    week: formatBucketDate(w.weekStart),
  }));
  return (
    <ChartFrame
      title="Deployments per week"
      summary={`${totals.success} successful, ${totals.failed} failed, ${totals.rolledBack} rolled back`}
    >
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="week" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        <Bar
          dataKey="success"
          name="Success"
          stackId="outcome"
          fill={theme.palette.success.main}
          isAnimationActive={false}
        />
        <Bar
          dataKey="failed"
          name="Failed"
          stackId="outcome"
          fill={theme.palette.error.main}
          isAnimationActive={false}
        />
        <Bar
          dataKey="rolledBack"
          name="Rolled back"
          stackId="outcome"
          fill={theme.palette.warning.main}
          isAnimationActive={false}
        />
      </BarChart>
    </ChartFrame>
  );
}
