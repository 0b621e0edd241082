import type { DoraKey, Trend } from '@internal/plugin-dora-common';
import { makeStyles } from '@material-ui/core/styles';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import RemoveIcon from '@material-ui/icons/Remove';
import { trendDescription, trendView } from '../../lib/trend';

const useStyles = makeStyles(theme => ({
  root: { display: 'inline-flex', verticalAlign: 'middle' },
  good: { color: theme.palette.success.main },
  bad: { color: theme.palette.error.main },
  flat: { color: theme.palette.text.secondary },
  icon: { fontSize: '1rem' },
}));

/**
 * Arrow for the move against the previous window, coloured by whether that
 * move is good for this key: a falling failure rate is a green down arrow.
 */
export function TrendArrow(props: {
  doraKey: DoraKey;
  trend: Partial<Trend> | undefined;
}) {
  const classes = useStyles();
  const view = trendView(props.doraKey, props.trend);
  if (!view) return null;
  const description = trendDescription(view);
  let tone = classes.flat;
  if (view.good === true) tone = classes.good;
  if (view.good === false) tone = classes.bad;
  let Icon = RemoveIcon;
  if (view.arrow === 'up') Icon = ArrowUpwardIcon;
  if (view.arrow === 'down') Icon = ArrowDownwardIcon;
  return (
    <span
      className={`${classes.root} ${tone}`}
      role="img"
      aria-label={description}
      title={description}
      data-testid="trend-arrow"
      data-arrow={view.arrow}
      data-good={view.good === undefined ? 'neutral' : String(view.good)}
    >
      <Icon className={classes.icon} />
    </span>
  );
}
