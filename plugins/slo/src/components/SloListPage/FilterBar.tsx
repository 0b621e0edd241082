import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import { shortRef } from '../../lib/refs';
import { STATUS_LABELS, STATUS_ORDER, isSloStatus } from '../../lib/status';
import { ListViewState } from '../../lib/viewState';

function FilterSelect(props: {
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange: (value: string | undefined) => void;
}) {
  const id = `slo-filter-${props.label.toLocaleLowerCase('en-US')}`;
  return (
    <TextField
      select
      id={id}
      label={props.label}
      value={props.value ?? ''}
      onChange={e => props.onChange(e.target.value || undefined)}
      // Native selects are keyboard- and screen-reader-friendly and render no portal.
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      variant="outlined"
      size="small"
      style={{ minWidth: 200 }}
    >
      <option value="">All</option>
      {props.options.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}

export function FilterBar(props: {
  state: ListViewState;
  owners: string[];
  systems: string[];
  onChange: (next: ListViewState) => void;
}) {
  const { state, owners, systems, onChange } = props;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
      <FilterSelect
        label="Owner"
        value={state.owner}
        options={owners.map(o => ({ value: o, label: shortRef(o, 'group') }))}
        onChange={owner => onChange({ ...state, owner })}
      />
      <FilterSelect
        label="System"
        value={state.system}
        options={systems.map(s => ({ value: s, label: shortRef(s, 'system') }))}
        onChange={system => onChange({ ...state, system })}
      />
      <FilterSelect
        label="Status"
        value={state.status}
        options={STATUS_ORDER.map(s => ({ value: s, label: STATUS_LABELS[s] }))}
        onChange={status =>
          onChange({
            ...state,
            status: isSloStatus(status) ? status : undefined,
          })
        }
      />
    </Box>
  );
}
