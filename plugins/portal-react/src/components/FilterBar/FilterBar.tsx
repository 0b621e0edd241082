import Box from '@material-ui/core/Box';
import { shortRef } from '../../refs';
import { SelectFilter, SelectFilterProps } from '../SelectFilter';

/** One drop-down of a {@link FilterBar}; the bar supplies its id prefix. */
export type FilterBarFilter = Omit<SelectFilterProps, 'idPrefix'>;

/** Props of {@link FilterBar}. */
export interface FilterBarProps {
  /** Passed to every {@link SelectFilter}, so each plugin keeps its element ids. */
  idPrefix: string;
  filters: FilterBarFilter[];
}

/** The row of drop-downs above a list or chart page, wrapping on narrow screens. */
export function FilterBar(props: FilterBarProps) {
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
      {props.filters.map(filter => (
        <SelectFilter
          key={filter.label}
          idPrefix={props.idPrefix}
          {...filter}
        />
      ))}
    </Box>
  );
}

/**
 * A filter over entity refs (owners, systems) whose options read as short
 * refs: `group:default/payments` is offered as `payments`.
 */
export function refFilter(options: {
  label: string;
  defaultKind: string;
  refs: string[];
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}): FilterBarFilter {
  const { label, defaultKind, refs, value, onChange } = options;
  return {
    label,
    value,
    options: refs.map(ref => ({
      value: ref,
      label: shortRef(ref, defaultKind),
    })),
    onChange,
  };
}

/**
 * The owner and system filters every catalog-wide list page starts with,
 * over a view state that has `owner` and `system`.
 */
export function ownerAndSystemFilters<
  S extends { owner?: string; system?: string },
>(options: {
  state: S;
  owners: string[];
  systems: string[];
  onChange: (next: S) => void;
}): FilterBarFilter[] {
  const { state, owners, systems, onChange } = options;
  return [
    refFilter({
      label: 'Owner',
      defaultKind: 'group',
      refs: owners,
      value: state.owner,
      onChange: owner => onChange({ ...state, owner }),
    }),
    refFilter({
      label: 'System',
      defaultKind: 'system',
      refs: systems,
      value: state.system,
      onChange: system => onChange({ ...state, system }),
    }),
  ];
}
