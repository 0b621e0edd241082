import Box from '@material-ui/core/Box';
import { SelectFilter, shortRef } from '@internal/portal-react';
import { STATUS_LABELS, STATUS_ORDER, isSloStatus } from '../../lib/status';
import { ListViewState } from '../../lib/viewState';

const ID_PREFIX = 'slo-filter';

export function FilterBar(props: {
  state: ListViewState;
  owners: string[];
  systems: string[];
  onChange: (next: ListViewState) => void;
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
