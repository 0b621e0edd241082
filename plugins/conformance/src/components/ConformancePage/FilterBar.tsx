import {
  FilterBar as PortalFilterBar,
  ownerAndSystemFilters,
} from '@internal/portal-react';
import { PageViewState } from '../../lib/viewState';
import { SEVERITY_ORDER, isSeverity } from '../../lib/verdicts';

export function FilterBar(props: {
  state: PageViewState;
  owners: string[];
  systems: string[];
  onChange: (next: PageViewState) => void;
}) {
  const { state, owners, systems, onChange } = props;
  return (
    <PortalFilterBar
      idPrefix="conformance-filter"
      filters={[
        ...ownerAndSystemFilters({ state, owners, systems, onChange }),
        {
          label: 'Failing severity',
          value: state.severity,
          options: SEVERITY_ORDER.map(s => ({ value: s, label: s })),
          onChange: severity =>
            onChange({
              ...state,
              severity: isSeverity(severity) ? severity : undefined,
            }),
        },
      ]}
    />
  );
}
