/**
 * How much a failed check matters; also the weight it carries in the score.
 *
 * @public
 */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/**
 * The result of one check on one workload, after exemptions are applied.
 *
 * @public
 */
export type Verdict = 'pass' | 'fail' | 'not-applicable' | 'exempt';

/**
 * The slice of a Kubernetes object the checks read. `spec` and `status` stay
 * untyped because the checks accept whatever the cluster returns and must not
 * throw on unexpected shapes.
 *
 * @public
 */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    uid?: string;
  };
  spec?: any;
  status?: any;
}

/**
 * Everything a check may look at for one workload: the workload plus the
 * objects of its namespace.
 *
 * @public
 */
export interface WorkloadContext {
  /** Deployment, StatefulSet, DaemonSet, bare ReplicaSet, Job, CronJob or bare Pod. */
  workload: KubeObject;
  namespace: {
    horizontalPodAutoscalers: KubeObject[];
    podDisruptionBudgets: KubeObject[];
    networkPolicies: KubeObject[];
  };
}

/**
 * One concrete problem found by a check. A type alias, like the other
 * response types, so it fits the OpenAPI-generated router types (see api.ts).
 *
 * @public
 */
export type CheckFinding = {
  /** Name of the offending container, when the finding is about one. */
  container?: string;
  /** Path of the offending field, relative to the workload object (or to the entity for exemption findings). */
  fieldPath: string;
  message: string;
};

/**
 * What a check returns for one workload, before exemptions.
 *
 * @public
 */
export interface CheckOutcome {
  verdict: 'pass' | 'fail' | 'not-applicable';
  findings: CheckFinding[];
}

/**
 * Tuning that some checks accept.
 *
 * @public
 */
export interface CheckOptions {
  /** Labels every workload must carry; defaults to `app.kubernetes.io/name` and `team`. */
  requiredLabels?: string[];
}

/**
 * A golden-path check: metadata for display plus a pure evaluation function.
 *
 * @public
 */
export interface ConformanceCheck {
  id: string;
  title: string;
  /** A column header: a word or two. */
  shortTitle: string;
  severity: Severity;
  /** Why the platform wants this; one paragraph. */
  rationale: string;
  /** One or two sentences on how to fix a failure. */
  remediation: string;
  /** A YAML snippet showing the fix. */
  remediationSnippet: string;
  evaluate(ctx: WorkloadContext, options?: CheckOptions): CheckOutcome;
}

/**
 * Per-check configuration, keyed by check id.
 *
 * @public
 */
export interface CheckConfig {
  /** Defaults to true; a disabled check is omitted from results. */
  enabled?: boolean;
  /** Overrides the check's built-in severity. */
  severity?: Severity;
}

/**
 * A check's final result on one workload, with configuration and exemptions applied.
 *
 * @public
 */
export type EvaluatedCheck = {
  checkId: string;
  /** The effective severity, after any configured override. */
  severity: Severity;
  verdict: Verdict;
  /** For 'exempt', the findings the check would have reported, so the UI can show what is waived. */
  findings: CheckFinding[];
  /** Set when verdict is 'exempt'. */
  exemptionReason?: string;
};
