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
  toneColor,
  useToneChipStyles,
  useToneFillStyles,
  useToneTextStyles,
  type PaletteTone,
} from './tones';
export { shortRef } from './refs';
export { isNotFound } from './errors';
