/**
 * SLO and error budget model, spec parsers and budget math as pure
 * functions, shared by the SLO backend and frontend.
 *
 * @packageDocumentation
 */
export type {
  IndicatorKind,
  RatioIndicator,
  LatencyIndicator,
  ErrorRatioIndicator,
  Indicator,
  Window,
  PolicyAction,
  PolicyStep,
  BudgetPolicy,
  Budgeting,
  SloSourceFormat,
  Slo,
} from './types';
export type {
  DeployGateDecision,
  EntitySlos,
  SloDetail,
  SloFiringAlert,
  SloHistoryPoint,
  SloList,
  SloListFilter,
  SloMonth,
  SloMonthItem,
  SloState,
  SloStatus,
  SloWithState,
} from './wire';
export {
  isLatencyIndicator,
  isRatioIndicator,
  isErrorRatioIndicator,
} from './types';
export * from './parsers';
export * from './math';
export * from './promql';
export * from './validate';
export {
  sloCollectPermission,
  sloRulesReadPermission,
  sloPermissions,
} from './permissions';
