export { DoraClient } from './DoraClient';
export { doraApiRef } from './types';
export type {
  CoverageResponse,
  DoraApi,
  DoraBucket,
  DoraWindow,
  DeploymentsQuery,
  MetricsQuery,
  MetricsResponse,
  SourceCoverage,
  TeamMetricsQuery,
} from './types';
