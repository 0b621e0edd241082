/**
 * Frontend of the SLO plugin: the org-wide SLO page, SLO detail pages, an entity tab and an overview card.
 *
 * @packageDocumentation
 */
export { sloPlugin as default } from './plugin';
export {
  SloClient,
  sloApiRef,
  type AlertSeverity,
  type DeployGateDecision,
  type EntitySlos,
  type FiringAlert,
  type SloApi,
  type SloDetail,
  type SloHistoryPoint,
  type SloListFilter,
  type SloSpecError,
  type SloState,
  type SloStatus,
  type SloWithState,
} from './api';
