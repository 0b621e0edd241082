/**
 * React code shared by the portal's frontend plugins.
 *
 * @packageDocumentation
 */
export {
  SelectFilter,
  type SelectFilterOption,
  type SelectFilterProps,
} from './components/SelectFilter';
export {
  FilterBar,
  ownerAndSystemFilters,
  refFilter,
  type FilterBarFilter,
  type FilterBarProps,
} from './components/FilterBar';
export { ChartFrame } from './components/ChartFrame';
export { useViewState } from './hooks';
export {
  createApiRequest,
  type ApiRequest,
  type ApiRequestOptions,
} from './api';
export {
  toneColor,
  useToneChipStyles,
  useToneFillStyles,
  useToneTextStyles,
  type PaletteTone,
} from './tones';
export { shortRef } from './refs';
export { isNotFound } from './errors';
