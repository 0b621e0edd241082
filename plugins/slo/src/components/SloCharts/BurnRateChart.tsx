import { useMemo } from 'react';
import { useTheme } from '@material-ui/core/styles';
import { ReferenceLine } from 'recharts';
import type { SloDetail } from '../../api/types';
import { alertRules, burnThresholds } from '../../lib/alerts';
import {
  formatBurnRate,
  formatDuration,
  formatSloWindow,
} from '../../lib/format';
import { hasData, toChartPoints } from '../../lib/history';
import { ChartFrame } from './ChartFrame';
import { chartColors } from './chartTheme';
import { TimeSeriesChart } from './TimeSeriesChart';

/**
 * The burn rate history with the SLO's alert thresholds drawn: one line per
 * distinct factor of its multi-window rules (14.4×, 6×, 3×, 1× for 30 days).
 */
export function BurnRateChart(props: { detail: SloDetail }) {
  const { detail } = props;
  const theme = useTheme();
  const colors = chartColors(theme);
  const points = useMemo(() => toChartPoints(detail.history), [detail.history]);
  const step = formatDuration(detail.resolutionSeconds);
  const thresholds = burnThresholds(
    alertRules(detail.slo, detail.state),
    formatDuration,
  );

  return (
    <ChartFrame
      title="Burn rate"
      hasData={hasData(points, 'recentBurnRate')}
      caption={`Burn rate over the ${step} ending at each point, one point every ${step}: what the short alert windows see (the ${formatSloWindow(
        detail.slo.window,
      )} average would hide a fast burn). 1× spends the whole budget in one window. Dashed lines: the alert thresholds; each applies to its rule's long and short windows (see the alert rules for the current values).`}
    >
      <TimeSeriesChart
        points={points}
        dataKey="recentBurnRate"
        name={`Burn rate (${step})`}
        formatValue={formatBurnRate}
        yDomain={[0, 'auto']}
      >
        {thresholds.map(t => (
          <ReferenceLine
            key={t.factor}
            y={t.factor}
            stroke={colors.severity[t.severity]}
            strokeDasharray="4 4"
            ifOverflow="extendDomain"
            label={{
              value: t.label,
              // Above the line, clear of the data near 0×.
              position: 'insideBottomRight',
              fill: colors.text,
              fontSize: 11,
            }}
          />
        ))}
      </TimeSeriesChart>
    </ChartFrame>
  );
}
