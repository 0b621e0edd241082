export { validateSloSpecs } from './validateSloSpecs';
export type { SloSpecValidation } from './validateSloSpecs';
