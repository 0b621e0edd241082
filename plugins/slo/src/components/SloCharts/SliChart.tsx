import { useMemo } from 'react';
import { useTheme } from '@material-ui/core/styles';
import { ReferenceLine } from 'recharts';
import type { SloDetail } from '../../api/types';
import {
  formatDuration,
  formatObjective,
  formatSloWindow,
} from '../../lib/format';
import { hasData, sliAxisMin, toChartPoints } from '../../lib/history';
import { ChartFrame } from './ChartFrame';
import { chartColors } from './chartTheme';
import { TimeSeriesChart } from './TimeSeriesChart';

const formatSliTick = (v: number) => `${Number(v.toFixed(3))}%`;

/** The SLI over the last window against the objective. */
export function SliChart(props: { detail: SloDetail }) {
  const { detail } = props;
  const theme = useTheme();
  const colors = chartColors(theme);
  const points = useMemo(() => toChartPoints(detail.history), [detail.history]);
  const objective = detail.slo.objectivePercent;

  return (
    <ChartFrame
      title="SLI"
      hasData={hasData(points, 'sliPercent')}
      caption={`Share of good events in the ${formatSloWindow(
        detail.slo.window,
      )} window ending at each point, one point every ${formatDuration(
        detail.resolutionSeconds,
      )}. Below the objective line the budget is overspent.`}
    >
      <TimeSeriesChart
        points={points}
        dataKey="sliPercent"
        name="SLI"
        formatValue={formatSliTick}
        yDomain={[sliAxisMin(points, objective), 100]}
      >
        <ReferenceLine
          y={objective}
          stroke={colors.objective}
          strokeDasharray="4 4"
          ifOverflow="extendDomain"
          label={{
            value: `Objective ${formatObjective(objective)}`,
            position: 'insideBottomLeft',
            fill: colors.text,
            fontSize: 11,
          }}
        />
      </TimeSeriesChart>
    </ChartFrame>
  );
}
