import { ReactElement } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ResponsiveContainer } from 'recharts';

/**
 * A chart as a labelled figure with a caption saying what it plots. Charts
 * without a single data point show "No data" instead of empty axes.
 */
export function ChartFrame(props: {
  title: string;
  caption: string;
  hasData: boolean;
  height?: number;
  children: ReactElement;
}) {
  const height = props.height ?? 260;
  return (
    <Box component="figure" m={0} aria-label={props.title}>
      {props.hasData ? (
        <div style={{ width: '100%', height }}>
          <ResponsiveContainer>{props.children}</ResponsiveContainer>
        </div>
      ) : (
        <Box
          height={height}
          display="flex"
          flexDirection="column"
          alignItems="center"
          justifyContent="center"
          bgcolor="action.hover"
        >
          <Typography variant="h6" component="p">
            No data
          </Typography>
          <Typography variant="body2" color="textSecondary">
            No events were recorded in this period, so there is nothing to plot.
          </Typography>
        </Box>
      )}
      <Typography
        component="figcaption"
        variant="caption"
        color="textSecondary"
      >
        {props.caption}
      </Typography>
    </Box>
  );
}
