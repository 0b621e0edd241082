import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import type { DoraWindow } from '../../api';
import {
  ENVIRONMENTS,
  WINDOWS,
  isDoraWindow,
  windowDays,
} from '../../lib/viewState';

function PickerSelect(props: {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      select
      id={props.id}
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      // Native selects are keyboard- and screen-reader-friendly and render no portal.
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      variant="outlined"
      size="small"
      style={{ minWidth: 160 }}
    >
      {props.options.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}

/** Window and environment, the two inputs every DORA figure depends on. */
export function ViewPickers(props: {
  window: DoraWindow;
  environment: string;
  onChange: (next: { window: DoraWindow; environment: string }) => void;
}) {
  const { window, environment, onChange } = props;
  // Keep an environment that came from a link selectable even if it is not a usual one.
  const environments = ENVIRONMENTS.includes(environment)
    ? ENVIRONMENTS
    : [...ENVIRONMENTS, environment];
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
      <PickerSelect
        id="dora-window"
        label="Window"
        value={window}
        options={WINDOWS.map(w => ({
          value: w,
          label: `Last ${windowDays(w)} days`,
        }))}
        onChange={w => isDoraWindow(w) && onChange({ window: w, environment })}
      />
      <PickerSelect
        id="dora-environment"
        label="Environment"
        value={environment}
        options={environments.map(e => ({ value: e, label: e }))}
        onChange={e => onChange({ window, environment: e })}
      />
    </Box>
  );
}
