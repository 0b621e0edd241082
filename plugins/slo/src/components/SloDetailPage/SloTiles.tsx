import { ReactNode } from 'react';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { type PaletteTone, useToneTextStyles } from '@internal/portal-react';
import type { SloWithState } from '../../api/types';
import {
  formatBudget,
  formatBurnRate,
  formatObjective,
  formatSli,
  formatSloWindow,
} from '../../lib/format';
import {
  budgetTone,
  burnRateOver,
  burnTone,
  describeTimeToExhaustion,
  remainingBudget,
  sliTone,
} from '../../lib/status';

function Tile(props: {
  title: string;
  value: string;
  tone?: PaletteTone;
  detail?: ReactNode;
}) {
  const classes = useToneTextStyles();
  return (
    <Grid item xs={12} sm={6} md>
      <Paper
        variant="outlined"
        component="section"
        aria-label={props.title}
        style={{ padding: 16, height: '100%' }}
      >
        <Typography variant="overline" color="textSecondary" component="h3">
          {props.title}
        </Typography>
        <Typography
          variant="h4"
          component="p"
          className={props.tone ? classes[props.tone] : undefined}
          data-testid="tile-value"
        >
          {props.value}
        </Typography>
        {props.detail && (
          <Typography variant="caption" color="textSecondary">
            {props.detail}
          </Typography>
        )}
      </Paper>
    </Grid>
  );
}

/** The five numbers that say where an SLO stands now. */
export function SloTiles(props: { row: SloWithState }) {
  const { slo, state } = props.row;
  const remaining = remainingBudget(state);
  const burn1h = burnRateOver(state);

  return (
    <Grid container spacing={2}>
      <Tile
        title="Objective"
        value={formatObjective(slo.objectivePercent)}
        detail={formatSloWindow(slo.window)}
      />
      <Tile
        title="SLI"
        value={formatSli(state.sli)}
        tone={sliTone(state.sli, slo.target)}
        detail={
          state.total > 0
            ? `${state.good.toLocaleString()} good of ${state.total.toLocaleString()} events`
            : 'no events in the window'
        }
      />
      <Tile
        title="Budget remaining"
        value={formatBudget(remaining)}
        tone={budgetTone(remaining)}
        detail={
          remaining !== null && remaining < 0 && Number.isFinite(remaining)
            ? 'overspent'
            : undefined
        }
      />
      <Tile
        title="Burn rate (1h)"
        value={formatBurnRate(burn1h)}
        tone={burnTone(burn1h, state.alert.severity)}
        detail="1× spends the budget in exactly one window"
      />
      <Tile
        title="Time to exhaustion"
        value={describeTimeToExhaustion(state)}
        detail="at the 1h burn rate"
      />
    </Grid>
  );
}
