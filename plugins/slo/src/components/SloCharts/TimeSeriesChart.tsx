import { ReactNode } from 'react';
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
import { ChartPoint, timeTickFormatter } from '../../lib/history';
import { chartColors } from './chartTheme';

type ValueKey = Exclude<keyof ChartPoint, 'time'>;

/**
 * The line chart the three SLO charts share: time on x, one series on y,
 * reference lines passed as children. Gaps (no data) break the line.
 */
export function TimeSeriesChart(props: {
  points: ChartPoint[];
  dataKey: ValueKey;
  name: string;
  formatValue: (value: number) => string;
  yDomain: [
    number | string | ((v: number) => number),
    number | string | ((v: number) => number),
  ];
  children?: ReactNode;
  // ResponsiveContainer injects these.
  width?: number;
  height?: number;
}) {
  const theme = useTheme();
  const colors = chartColors(theme);
  const { points } = props;
  const span =
    points.length > 1 ? points[points.length - 1].time - points[0].time : 0;
  const formatTime = timeTickFormatter(span);
  const tick = { fill: colors.text, fontSize: 12 };

  return (
    <LineChart
      width={props.width}
      height={props.height}
      data={points}
      margin={{ top: 8, right: 24, bottom: 0, left: 8 }}
    >
      <CartesianGrid stroke={colors.grid} strokeDasharray="3 3" />
      <XAxis
        dataKey="time"
        type="number"
        scale="time"
        domain={['dataMin', 'dataMax']}
        tickFormatter={formatTime}
        tick={tick}
        minTickGap={24}
      />
      <YAxis
        domain={props.yDomain}
        tickFormatter={props.formatValue}
        tick={tick}
        width={64}
        allowDataOverflow={false}
      />
      <Tooltip
        labelFormatter={(ms: number) => new Date(ms).toLocaleString()}
        formatter={(value: number) => [props.formatValue(value), props.name]}
      />
      <Legend verticalAlign="top" height={28} />
      <Line
        type="monotone"
        dataKey={props.dataKey}
        name={props.name}
        stroke={colors.line}
        strokeWidth={2}
        dot={false}
        isAnimationActive={false}
        connectNulls={false}
      />
      {props.children}
    </LineChart>
  );
}
