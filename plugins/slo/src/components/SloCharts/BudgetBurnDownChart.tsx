import { useMemo } from 'react';
import { useTheme } from '@material-ui/core/styles';
import { ReferenceLine } from 'recharts';
import type { SloDetail } from '../../api/types';
import { formatDuration, formatSloWindow } from '../../lib/format';
import { hasData, toChartPoints } from '../../lib/history';
import { policyView } from '../../lib/policy';
import { ChartFrame } from './ChartFrame';
import { chartColors } from './chartTheme';
import { TimeSeriesChart } from './TimeSeriesChart';

const formatPercentTick = (v: number) => `${Number(v.toFixed(1))}%`;

/**
 * Remaining error budget over the last window, with the policy steps drawn
 * where they start (a step at 60% consumed is a line at 40% remaining).
 */
export function BudgetBurnDownChart(props: { detail: SloDetail }) {
  const { detail } = props;
  const theme = useTheme();
  const colors = chartColors(theme);
  const points = useMemo(() => toChartPoints(detail.history), [detail.history]);
  const steps = policyView(detail.slo, detail.state.policyStep).steps;
  const hasFullStep = steps.some(s => s.consumedPercent >= 100);

  return (
    <ChartFrame
      title="Budget burn-down"
      hasData={hasData(points, 'remainingPercent')}
      caption={`Error budget remaining in the ${formatSloWindow(
        detail.slo.window,
      )} window ending at each point, one point every ${formatDuration(
        detail.resolutionSeconds,
      )}. Dashed lines: where each policy step starts.`}
    >
      <TimeSeriesChart
        points={points}
        dataKey="remainingPercent"
        name="Budget remaining"
        formatValue={formatPercentTick}
        yDomain={[(min: number) => Math.min(0, Math.floor(min)), 100]}
      >
        {steps.map(step => (
          <ReferenceLine
            key={`${step.consumedPercent}-${step.action}`}
            y={100 - step.consumedPercent}
            stroke={
              step.consumedPercent >= 100 ? colors.exhausted : colors.step
            }
            strokeDasharray="4 4"
            ifOverflow="extendDomain"
            label={{
              value: `${step.action} (${step.consumedPercent}% consumed)`,
              // Above the line, so the lowest label stays clear of the axis.
              position: 'insideBottomLeft',
              fill: colors.text,
              fontSize: 11,
            }}
          />
        ))}
        {!hasFullStep && (
          <ReferenceLine
            y={0}
            stroke={colors.exhausted}
            ifOverflow="extendDomain"
            label={{
              value: 'exhausted',
              position: 'insideBottomLeft',
              fill: colors.text,
              fontSize: 11,
            }}
          />
        )}
      </TimeSeriesChart>
    </ChartFrame>
  );
}
