import { ReactElement, ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ResponsiveContainer } from 'recharts';

/**
 * A titled card holding one chart and a one-line text summary of it. The
 * summary says what the chart shows in words, for screen readers and for a
 * quick read without hovering.
 */
export function ChartFrame(props: {
  title: string;
  summary: ReactNode;
  children: ReactElement;
  footer?: ReactNode;
  height?: number;
}) {
  return (
    <InfoCard title={props.title}>
      <Typography variant="body2" paragraph data-testid="chart-summary">
        {props.summary}
      </Typography>
      <figure aria-label={props.title} style={{ margin: 0 }}>
        <ResponsiveContainer width="100%" height={props.height ?? 240}>
          {props.children}
        </ResponsiveContainer>
      </figure>
      {props.footer}
    </InfoCard>
  );
}
