export { parseSloSpecs, parseSloSpecFiles } from './parseSloSpecs';
export type { SloSpecFile } from './parseSloSpecs';
export { DEFAULT_WINDOW } from './build';
export type { ParseSloSpecsOptions } from './build';
export { parseDuration, parseWindow, formatDuration } from './duration';
