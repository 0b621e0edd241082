import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useToneFillStyles, useToneTextStyles } from '@internal/portal-react';
import type { SloState } from '../../api/types';
import { formatBudget } from '../../lib/format';
import { budgetTone, remainingBudget } from '../../lib/status';

const useStyles = makeStyles(theme => ({
  track: {
    position: 'relative',
    height: 8,
    borderRadius: 4,
    overflow: 'hidden',
    backgroundColor: theme.palette.action.hover,
    flex: '0 0 auto',
  },
  fill: { height: '100%' },
}));

/**
 * Remaining error budget as a bar and a number. Overspent budgets show an
 * empty bar and their negative number; no data shows no bar at all.
 */
export function BudgetBar(props: { state: SloState; width?: number }) {
  const classes = useStyles();
  const fills = useToneFillStyles();
  const texts = useToneTextStyles();
  const remaining = remainingBudget(props.state);
  const label = formatBudget(remaining);

  if (remaining === null) {
    return (
      <Typography variant="body2" color="textSecondary">
        {label}
      </Typography>
    );
  }
  const tone = budgetTone(remaining);
  const percent = Math.max(0, Math.min(100, remaining * 100));
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <div
        role="meter"
        aria-label="Error budget remaining"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent * 10) / 10}
        aria-valuetext={label}
        className={classes.track}
        style={{ width: props.width ?? 96 }}
      >
        <div
          className={`${classes.fill} ${fills[tone]}`}
          style={{ width: `${percent}%` }}
        />
      </div>
      <Typography
        variant="body2"
        component="span"
        className={texts[tone]}
        style={{ whiteSpace: 'nowrap' }}
      >
        {label}
      </Typography>
    </Box>
  );
}
