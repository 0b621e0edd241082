import type { DoraMetrics } from './metricsFor';

/**
 * Status of a deployment as reported by its source.
 *
 * @remarks
 * Only `success`, `failure` and `rolled_back` are "completed" and enter the
 * stability keys; `in_progress` and `cancelled` never count anywhere.
 *
 * @public
 */
export type DeploymentStatus =
  | 'success'
  | 'failure'
  | 'rolled_back'
  | 'in_progress'
  | 'cancelled';

/**
 * Why a deployment happened: a regular release, an unplanned fix, or a
 * redeploy of an earlier version.
 *
 * @public
 */
export type DeploymentType = 'normal' | 'hotfix' | 'rollback';

/**
 * Explicit signals a change may carry.
 *
 * @public
 */
export type ChangeKind = 'hotfix' | 'revert';

/** All change kinds. @public */
export const CHANGE_KINDS: readonly ChangeKind[] = ['hotfix', 'revert'];

/** All deployment statuses, in declaration order. @public */
export const DEPLOYMENT_STATUSES: readonly DeploymentStatus[] = [
  'success',
  'failure',
  'rolled_back',
  'in_progress',
  'cancelled',
];

/** All deployment types, in declaration order. @public */
export const DEPLOYMENT_TYPES: readonly DeploymentType[] = [
  'normal',
  'hotfix',
  'rollback',
];

/**
 * One deployment of one catalog entity to one environment.
 *
 * @remarks
 * Timestamps are ISO 8601 strings; validated records are normalised to UTC
 * (`2024-01-01T00:00:00.000Z`). `entityRef` is the canonical lowercase
 * `kind:namespace/name` form.
 *
 * @public
 */
export interface Deployment {
  /**
   * The source's id, unique per source and entity: the first record with a
   * given (source, entity, id) wins (see README and deploymentKey).
   */
  id: string;
  entityRef: string;
  environment: string;
  status: DeploymentStatus;
  type: DeploymentType;
  startedAt?: string;
  finishedAt: string;
  version?: string;
  /** Full lowercase commit SHAs contained in this deployment. */
  commitShas: string[];
  changeIds?: string[];
  /** Where the event came from, e.g. `github`, `cdevents`, `kubernetes`. */
  source: string;
}

/**
 * One commit, optionally with the pull request that merged it.
 *
 * @public
 */
export interface Change {
  /** Full lowercase commit SHA; the dedupe key. */
  sha: string;
  /** Restricts lead-time matching to this entity (monorepos leave it out). */
  entityRef?: string;
  authoredAt?: string;
  committedAt: string;
  /**
   * Parent commits as the source knows them (a push: the previous commit of
   * the pushed range). Edges of every record of a SHA are merged, so a later
   * record may add parents where other fields keep their first value.
   */
  parents?: string[];
  /**
   * An explicit signal about the change: `hotfix` (e.g. a PR with the
   * configured hotfix label) makes the deployment that delivers it rework;
   * `revert` (a revert PR) makes that deployment a rollback.
   */
  kind?: ChangeKind;
  /** Globally unique PR id, e.g. `org/repo#123`. */
  prId?: string;
  prCreatedAt?: string;
  prFirstReviewAt?: string;
  prMergedAt?: string;
}

/**
 * A production incident of one entity.
 *
 * @public
 */
export interface Incident {
  /** Unique per entity; the first record with a given (entity, id) wins. */
  id: string;
  entityRef: string;
  severity?: string;
  openedAt: string;
  resolvedAt?: string;
  /**
   * Declared cause, used before any inference (see linkIncidents). The
   * deployment id names one of the incident's own entity's deployments.
   */
  causedBy?: { deploymentId?: string; commitSha?: string };
}

/**
 * How an incident was attributed to a deployment.
 *
 * @public
 */
export type LinkMethod = 'explicit' | 'by-commit' | 'time-window';

/**
 * Attribution of an incident to the deployment that caused it.
 *
 * @public
 */
export interface IncidentLink {
  /** The entity of both the incident and the deployment. */
  entityRef: string;
  incidentId: string;
  deploymentId: string;
  /** The deployment's source (its key is source, entity and id). */
  deploymentSource: string;
  method: LinkMethod;
  /** True only for the time-window fallback, which is a guess. */
  inferred: boolean;
}

/**
 * A half-open time range `[from, to)`; numbers are epoch milliseconds.
 *
 * @public
 */
export interface Window {
  from: Date | number;
  to: Date | number;
}

/**
 * The event history the keys are computed over.
 *
 * @public
 */
export interface DoraEvents {
  deployments: readonly Deployment[];
  changes?: readonly Change[];
  incidents?: readonly Incident[];
}

/**
 * The answer of the DORA backend's `GET /metrics`.
 *
 * @public
 */
export interface MetricsResponse {
  scope: {
    kind: 'entity' | 'group' | 'system' | 'organization';
    ref?: string;
  };
  environment: string;
  /** ISO instants; `[from, to)`. */
  window: { from: string; to: string };
  /** Entities in scope; absent for the whole organisation. */
  entityRefs?: string[];
  metrics: DoraMetrics;
  /**
   * Entities of the scope (of the organisation when no scope is given) whose stored events are
   * not yet in `metrics`: they wait for re-derivation, which runs in the background within
   * seconds of an ingest. 0 when the figures count every stored event.
   */
  queued: number;
}

/**
 * One team's row of the DORA backend's `GET /metrics/teams`: as `GET /metrics?group=` answers
 * for the team.
 *
 * @public
 */
export interface TeamMetrics {
  ref: string;
  title: string;
  window: { from: string; to: string };
  entityRefs: string[];
  metrics: DoraMetrics;
  queued: number;
}

/**
 * The answer of the DORA backend's `GET /metrics/teams`: every team the caller can see, by title.
 *
 * @public
 */
export interface TeamMetricsResponse {
  environment: string;
  teams: TeamMetrics[];
}
