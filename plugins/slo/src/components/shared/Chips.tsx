import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { type PaletteTone, useToneChipStyles } from '@internal/portal-react';
import type { SloState } from '../../api/types';
import { formatTime } from '../../lib/format';
import {
  ALERT_LABELS,
  ALERT_TONES,
  AlertLevel,
  STATUS_LABELS,
  STATUS_TONES,
} from '../../lib/status';

function ToneChip(props: { label: string; tone: PaletteTone; title?: string }) {
  const classes = useToneChipStyles();
  const chip = (
    <Chip
      size="small"
      variant="outlined"
      label={props.label}
      className={classes[props.tone]}
    />
  );
  return props.title ? <Tooltip title={props.title}>{chip}</Tooltip> : chip;
}

/** The API's status, plus a "stale" marker when the collector has fallen behind. */
export function StatusChip(props: { state: SloState }) {
  const { state } = props;
  return (
    <Box display="inline-flex" style={{ gap: 4 }} flexWrap="wrap">
      <ToneChip
        label={STATUS_LABELS[state.status]}
        tone={STATUS_TONES[state.status]}
      />
      {state.stale && (
        <ToneChip
          label="Stale"
          tone="warning"
          title={`The collector has not refreshed this budget recently (newest data: ${formatTime(
            state.lastBucket,
          )}); the deploy gate does not enforce its policy.`}
        />
      )}
    </Box>
  );
}

/** The worst alert firing: page, ticket, none, or no data. */
export function AlertChip(props: { severity: AlertLevel }) {
  return (
    <ToneChip
      label={ALERT_LABELS[props.severity]}
      tone={ALERT_TONES[props.severity]}
    />
  );
}

export { ToneChip };
