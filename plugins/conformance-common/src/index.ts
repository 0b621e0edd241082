/**
 * Golden-path conformance checks as pure functions over Kubernetes objects,
 * shared by the conformance backend and frontend.
 *
 * @packageDocumentation
 */
export type {
  Severity,
  Verdict,
  KubeObject,
  WorkloadContext,
  CheckFinding,
  CheckOutcome,
  CheckOptions,
  ConformanceCheck,
  CheckConfig,
  EvaluatedCheck,
} from './types';
export type {
  WorkloadRef,
  WorkloadReport,
  EntityConformance,
  CheckDescriptor,
  EntitySummary,
} from './api';
export { conformanceChecks } from './checks';
export {
  evaluateWorkload,
  EXEMPTION_ANNOTATION_PREFIX,
  exemptionsFromAnnotations,
} from './evaluate';
export { conformanceScore, verdictsByCheck } from './score';
export { podTemplateOf, WORKLOAD_KINDS } from './workload';
export { parseImageReference } from './image';
export {
  conformanceRefreshPermission,
  conformancePermissions,
} from './permissions';
