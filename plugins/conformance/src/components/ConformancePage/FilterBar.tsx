import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import { PageViewState } from '../../lib/viewState';
import { SEVERITY_ORDER, isSeverity } from '../../lib/verdicts';

function refLabel(ref: string, defaultKind: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind });
  } catch {
    return ref;
  }
}

function FilterSelect(props: {
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange: (value: string | undefined) => void;
}) {
  const id = `conformance-filter-${props.label.toLocaleLowerCase('en-US')}`;
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
  state: PageViewState;
  owners: string[];
  systems: string[];
  onChange: (next: PageViewState) => void;
}) {
  const { state, owners, systems, onChange } = props;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
      <FilterSelect
        label="Owner"
        value={state.owner}
        options={owners.map(o => ({ value: o, label: refLabel(o, 'group') }))}
        onChange={owner => onChange({ ...state, owner })}
      />
      <FilterSelect
        label="System"
        value={state.system}
        options={systems.map(s => ({ value: s, label: refLabel(s, 'system') }))}
        onChange={system => onChange({ ...state, system })}
      />
      <FilterSelect
        label="Failing severity"
        value={state.severity}
        options={SEVERITY_ORDER.map(s => ({ value: s, label: s }))}
        onChange={severity =>
          onChange({
            ...state,
            severity: isSeverity(severity) ? severity : undefined,
          })
        }
      />
    </Box>
  );
}
