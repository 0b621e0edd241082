export { useChecks } from './useChecks';
export { useEntityConformance } from './useEntityConformance';
export type { EntityConformanceState } from './useEntityConformance';
export { useEntitySummaries } from './useEntitySummaries';
