import { isMonth, monthLabel, recentMonths } from '@internal/portal-common';
import {
  FilterBar as PortalFilterBar,
  FilterBarFilter,
  ownerAndSystemFilters,
  refFilter,
} from '@internal/portal-react';
import { STATUS_LABELS, STATUS_ORDER, isSloStatus } from '../../lib/status';
import { ListViewState } from '../../lib/viewState';

/** Calendar months offered besides now: a year, as far back as a review looks. */
const MONTHS_OFFERED = 12;
const NOW = 'now';

export function FilterBar(props: {
  state: ListViewState;
  owners: string[];
  systems: string[];
  /** Entities with SLOs, for the entity filter. */
  entities: string[];
  onChange: (next: ListViewState) => void;
  /** For tests; the months offered end with the one this falls in. */
  now?: Date;
}) {
  const { state, owners, systems, entities, onChange } = props;
  const months = recentMonths(props.now ?? new Date(), MONTHS_OFFERED);
  // A month from a link stays selectable even when older than those offered.
  if (state.month && !months.includes(state.month)) months.push(state.month);
  const period: FilterBarFilter = {
    label: 'Period',
    includeAll: false,
    value: state.month ?? NOW,
    options: [
      { value: NOW, label: "Now (each SLO's window)" },
      ...months.map(m => ({ value: m, label: monthLabel(m) })),
    ],
    onChange: value =>
      onChange({
        ...state,
        month: isMonth(value) ? value : undefined,
        // A status is the budget now; a month has a verdict instead.
        status: isMonth(value) ? undefined : state.status,
      }),
  };
  // The status is of now, so a month view has no status filter.
  return (
    <PortalFilterBar
      idPrefix="slo-filter"
      filters={[
        period,
        ...ownerAndSystemFilters({ state, owners, systems, onChange }),
        refFilter({
          label: 'Entity',
          defaultKind: 'component',
          refs: entities,
          value: state.entity,
          onChange: entity => onChange({ ...state, entity }),
        }),
        ...(state.month ? [] : [statusFilter(state, onChange)]),
      ]}
    />
  );
}

function statusFilter(
  state: ListViewState,
  onChange: (next: ListViewState) => void,
): FilterBarFilter {
  return {
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
  };
}
