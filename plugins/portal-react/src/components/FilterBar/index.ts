export {
  FilterBar,
  refFilter,
  type FilterBarFilter,
  type FilterBarProps,
} from './FilterBar';
