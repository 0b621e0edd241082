import type { Severity, Verdict } from '@internal/plugin-conformance-common';
import Chip from '@material-ui/core/Chip';
import { useToneChipStyles } from '@internal/portal-react';
import {
  SEVERITY_TONES,
  VERDICT_LABELS,
  VERDICT_TONES,
} from '../../lib/verdicts';

export function SeverityChip(props: { severity: Severity }) {
  const classes = useToneChipStyles();
  return (
    <Chip
      size="small"
      variant="outlined"
      label={props.severity}
      className={classes[SEVERITY_TONES[props.severity]]}
    />
  );
}

export function VerdictChip(props: { verdict: Verdict }) {
  const classes = useToneChipStyles();
  return (
    <Chip
      size="small"
      variant="outlined"
      label={VERDICT_LABELS[props.verdict]}
      className={classes[VERDICT_TONES[props.verdict]]}
    />
  );
}
