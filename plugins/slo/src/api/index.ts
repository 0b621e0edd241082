export { SloClient } from './SloClient';
export { sloApiRef } from './types';
export type {
  AlertSeverity,
  DeployGateDecision,
  EntitySlos,
  FiringAlert,
  SloApi,
  SloDetail,
  SloHistoryPoint,
  SloList,
  SloListFilter,
  SloSpecError,
  SloState,
  SloStatus,
  SloWithState,
} from './types';
