export {
  sli,
  errorRatio,
  burnRate,
  budgetRemaining,
  budgetConsumed,
  timeToExhaustion,
  budgetConsumedAtBurnRate,
} from './budget';
export { alertWindows, alertWindowSeconds, alertState } from './alerts';
export type {
  AlertSeverity,
  AlertWindowPair,
  FiringAlert,
  AlertState,
} from './alerts';
export { latencyGoodTotal } from './latency';
export type { HistogramBucket, LatencyGoodTotal } from './latency';
export { timesliceBudget } from './timeslices';
export type { TimesliceBudget } from './timeslices';
export { aggregate, rollingWindowSeries } from './aggregate';
export type { RollupBucket, SeriesPoint } from './aggregate';
export { increaseFromSamples, edgeIncrements } from './counters';
export type { CounterEdge } from './counters';
export { DEFAULT_BUDGET_POLICY, policyStepInForce } from './policy';
export { gateDecision } from './gate';
export type { GateInput, GateSloInput, GateDecision } from './gate';
export {
  nominalWindowSeconds,
  windowBounds,
  evaluationTime,
  evaluationRanges,
} from './window';
export { calendarMonth, monthAttainment } from './month';
export type { MonthAttainment } from './month';
