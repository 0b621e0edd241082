export {
  SelectFilter,
  type SelectFilterOption,
  type SelectFilterProps,
} from './SelectFilter';
