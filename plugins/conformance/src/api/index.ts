export { ConformanceClient } from './ConformanceClient';
export { conformanceApiRef } from './types';
export type {
  ConformanceApi,
  EntitySummary,
  EntitySummaryFilter,
} from './types';
