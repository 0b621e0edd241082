/**
 * DORA metrics: event types, validation, incident linking and the five keys
 * as pure reference functions. The SQL rollups of the DORA backend must
 * return exactly what these functions return; README.md is the spec.
 *
 * @packageDocumentation
 */
export type {
  DeploymentStatus,
  DeploymentType,
  Deployment,
  Change,
  ChangeKind,
  Incident,
  LinkMethod,
  IncidentLink,
  Window,
  DoraEvents,
  MetricsResponse,
  TeamMetrics,
  TeamMetricsResponse,
} from './types';
export { CHANGE_KINDS, DEPLOYMENT_STATUSES, DEPLOYMENT_TYPES } from './types';
export {
  validateDeployment,
  validateChange,
  validateIncident,
  validateBatch,
} from './validation/validate';
export type {
  EntityLocator,
  DeploymentRecord,
  ChangeRecord,
  IncidentRecord,
  ValidatedBatch,
} from './validation/validate';
export { parseInput } from './validation/parseInput';
export { resolveBatch } from './validation/resolve';
export type { ResolvedBatch, KubernetesIdResolver } from './validation/resolve';
export { normalizeEntityRef } from './entityRef';
export {
  assertTimeZone,
  HOUR_MS,
  DAY_MS,
  WEEK_MS,
  MONTH_MS,
  normalizeTimestamp,
  parseIsoTimestamp,
  previousWindow,
  resolveWindow,
} from './time';
export type { MsRange } from './time';
export { percentile, median } from './stats';
export { bucketRanges, bucketize } from './buckets';
export type { BucketUnit, Bucket, CountedBucket } from './buckets';
export { dedupeFirstWins, dedupeEvents } from './prepare';
export { changeKey, deploymentKey, incidentKey } from './eventKeys';
export { linkIncidents } from './linking';
export type { LinkOptions } from './linking';
export {
  DORA_BENCHMARKS,
  DEFAULT_BENCHMARK_YEAR,
  classifyTier,
} from './benchmarks';
export type {
  Tier,
  DoraKey,
  BenchmarkYear,
  TierBound,
  KeyBenchmark,
} from './benchmarks';
export { DEFAULT_TIME_WINDOW_HOURS } from './options';
export type { DoraOptions } from './options';
export type {
  FailureReason,
  ReworkReason,
  ListedDeployment,
} from './facts/deploymentFacts';
export type { MetricUnit, SeriesPoint, Trend, KeyResult } from './keys/result';
export { deploymentFrequency } from './keys/deploymentFrequency';
export type { DeploymentFrequencyResult } from './keys/deploymentFrequency';
export { changeLeadTime } from './keys/changeLeadTime';
export type {
  ChangeLeadTimeResult,
  LeadTimeBreakdown,
  LeadTimeCoverage,
  StageStat,
} from './keys/changeLeadTime';
export { changeFailureRate } from './keys/changeFailureRate';
export type {
  ChangeFailureRateResult,
  FailureReasonCounts,
} from './keys/changeFailureRate';
export { failedDeploymentRecoveryTime } from './keys/failedDeploymentRecoveryTime';
export type { FailedDeploymentRecoveryTimeResult } from './keys/failedDeploymentRecoveryTime';
export { deploymentReworkRate } from './keys/deploymentReworkRate';
export type { DeploymentReworkRateResult } from './keys/deploymentReworkRate';
export { metricsFor } from './metricsFor';
export type { DoraMetrics } from './metricsFor';
export { generateHistory } from './fixtures';
export type { GenerateHistoryOptions, GeneratedHistory } from './fixtures';
export type { HistoryProfile } from './fixtureProfiles';
// The fixtures' random source, re-exported for the dora backend's property tests.
export { createRandom } from '@internal/portal-common';
export type { Random } from '@internal/portal-common';
// Building blocks of metricsFor, for stores that precompute its facts and aggregate them
// (the DORA backend's SQL rollups) and must assemble results exactly as metricsFor does.
export { analyze } from './analysis';
export type { Analysis } from './analysis';
export type { DeploymentFact } from './facts/deploymentFacts';
export type { LeadTimeSample, PrSample } from './facts/changeFacts';
export { trendOf } from './keys/result';
export { ratio } from './stats';
export { doraEventsCreatePermission, doraPermissions } from './permissions';
