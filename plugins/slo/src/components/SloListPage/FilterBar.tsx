import {
  FilterBar as PortalFilterBar,
  ownerAndSystemFilters,
} from '@internal/portal-react';
import { STATUS_LABELS, STATUS_ORDER, isSloStatus } from '../../lib/status';
import { ListViewState } from '../../lib/viewState';

export function FilterBar(props: {
  state: ListViewState;
  owners: string[];
  systems: string[];
  onChange: (next: ListViewState) => void;
}) {
  const { state, owners, systems, onChange } = props;
  return (
    <PortalFilterBar
      idPrefix="slo-filter"
      filters={[
        ...ownerAndSystemFilters({ state, owners, systems, onChange }),
        {
          label: 'Status',
          value: state.status,
          options: STATUS_ORDER.map(s => ({
            value: s,
            label: STATUS_LABELS[s],
          })),
          onChange: status =>
            onChange({
              ...state,
              status: isSloStatus(status) ? status : undefined,
            }),
        },
      ]}
    />
  );
}
