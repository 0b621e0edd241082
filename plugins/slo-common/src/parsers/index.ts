export {
  parseSloSpecs,
  parseSloSpecFiles,
  readSloSpecFiles,
} from './parseSloSpecs';
export type { SloSpecFile, SloSpecReadResult } from './parseSloSpecs';
export { SloSpecError } from './node';
export type { SloSpecProblem } from './node';
export { DEFAULT_WINDOW } from './build';
export type { ParseSloSpecsOptions } from './build';
export { parseDuration, parseWindow, formatDuration } from './duration';
