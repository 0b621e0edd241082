/**
 * Frontend of the DORA plugin: the engineering-leads page, an entity tab and a group card.
 *
 * @packageDocumentation
 */
export { doraPlugin as default } from './plugin';
export {
  DoraClient,
  doraApiRef,
  type DoraApi,
  type DoraBucket,
  type DoraWindow,
  type DeploymentsQuery,
  type MetricsQuery,
  type MetricsResponse,
  type TeamMetricsQuery,
} from './api';
