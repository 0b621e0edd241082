export { DoraClient } from './DoraClient';
export { doraApiRef } from './types';
export type {
  DoraApi,
  DoraBucket,
  DoraWindow,
  DeploymentsQuery,
  MetricsQuery,
  MetricsResponse,
} from './types';
