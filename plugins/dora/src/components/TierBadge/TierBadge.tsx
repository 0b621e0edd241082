import type { Tier } from '@internal/plugin-dora-common';
import { makeStyles } from '@material-ui/core/styles';
import { tierColors, tierLabel } from '../../lib/tiers';

const useStyles = makeStyles(theme => ({
  badge: {
    display: 'inline-block',
    padding: theme.spacing(0, 1),
    borderRadius: theme.spacing(1.5),
    fontSize: '0.75rem',
    fontWeight: 600,
    lineHeight: '20px',
    whiteSpace: 'nowrap',
  },
}));

/** A tier chip; rework rate (no benchmark) and "no data" get a neutral chip. */
export function TierBadge(props: { tier: Tier | undefined }) {
  const classes = useStyles();
  const colors = tierColors(props.tier);
  const label = tierLabel(props.tier);
  return (
    <span
      className={classes.badge}
      style={colors}
      data-testid="tier-badge"
      data-tier={props.tier ?? 'none'}
      title={props.tier ? `DORA tier: ${label}` : 'No DORA tier for this value'}
    >
      {label}
    </span>
  );
}
