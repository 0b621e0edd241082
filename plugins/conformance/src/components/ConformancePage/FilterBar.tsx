import Box from '@material-ui/core/Box';
import { SelectFilter, shortRef } from '@internal/portal-react';
import { PageViewState } from '../../lib/viewState';
import { SEVERITY_ORDER, isSeverity } from '../../lib/verdicts';

const ID_PREFIX = 'conformance-filter';

export function FilterBar(props: {
  state: PageViewState;
  owners: string[];
  systems: string[];
  onChange: (next: PageViewState) => void;
}) {
  const { state, owners, systems, onChange } = props;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
      <SelectFilter
        idPrefix={ID_PREFIX}
        label="Owner"
        value={state.owner}
        options={owners.map(o => ({ value: o, label: shortRef(o, 'group') }))}
        onChange={owner => onChange({ ...state, owner })}
      />
      <SelectFilter
        idPrefix={ID_PREFIX}
        label="System"
        value={state.system}
        options={systems.map(s => ({ value: s, label: shortRef(s, 'system') }))}
        onChange={system => onChange({ ...state, system })}
      />
      <SelectFilter
        idPrefix={ID_PREFIX}
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
