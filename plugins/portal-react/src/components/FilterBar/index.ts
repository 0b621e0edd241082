export {
  FilterBar,
  ownerAndSystemFilters,
  refFilter,
  type FilterBarFilter,
  type FilterBarProps,
} from './FilterBar';
