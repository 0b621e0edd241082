import type { Verdict } from '@internal/plugin-conformance-common';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import CancelIcon from '@material-ui/icons/Cancel';
import PauseCircleFilledIcon from '@material-ui/icons/PauseCircleFilled';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import { useToneTextStyles } from '@internal/portal-react';
import { VERDICT_LABELS, VERDICT_TONES } from '../../lib/verdicts';

const ICONS: Record<Verdict, typeof CheckCircleIcon> = {
  pass: CheckCircleIcon,
  fail: CancelIcon,
  exempt: PauseCircleFilledIcon,
  'not-applicable': RemoveCircleOutlineIcon,
};

/** Shape as well as colour differ per verdict, so the matrix reads without colour vision. */
export function VerdictIcon(props: { verdict: Verdict; fontSize?: 'small' }) {
  const classes = useToneTextStyles();
  const Icon = ICONS[props.verdict];
  return (
    <Icon
      className={classes[VERDICT_TONES[props.verdict]]}
      fontSize={props.fontSize}
      titleAccess={VERDICT_LABELS[props.verdict]}
    />
  );
}
