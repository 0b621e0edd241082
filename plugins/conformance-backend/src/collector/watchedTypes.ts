import { createHash } from 'node:crypto';

// The object types the conformance watches list and watch, and what the watcher derives from
// one object: its id, its fingerprint, and a failed list in the kubernetes backend's words.

/** An object as the API's JSON has it: what the watcher reads of one. */
export type Obj = {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: unknown[];
  };
  spec?: unknown;
};

export interface WatchedType {
  apiVersion: string;
  path: string;
  kind: string;
  /** Workloads map to entities by label; namespace objects to every entity in the namespace. */
  workload: boolean;
}

/**
 * What the checks read: the top-level workloads (bare ReplicaSets and Pods too, as the
 * kubernetes backend lists them) and the namespace objects that back them.
 */
export const WATCHED: WatchedType[] = [
  {
    apiVersion: 'v1',
    path: '/api/v1/pods',
    kind: 'Pod',
    workload: true,
  },
  {
    apiVersion: 'apps/v1',
    path: '/apis/apps/v1/replicasets',
    kind: 'ReplicaSet',
    workload: true,
  },
  {
    apiVersion: 'apps/v1',
    path: '/apis/apps/v1/deployments',
    kind: 'Deployment',
    workload: true,
  },
  {
    apiVersion: 'apps/v1',
    path: '/apis/apps/v1/statefulsets',
    kind: 'StatefulSet',
    workload: true,
  },
  {
    apiVersion: 'apps/v1',
    path: '/apis/apps/v1/daemonsets',
    kind: 'DaemonSet',
    workload: true,
  },
  {
    apiVersion: 'batch/v1',
    path: '/apis/batch/v1/cronjobs',
    kind: 'CronJob',
    workload: true,
  },
  {
    apiVersion: 'batch/v1',
    path: '/apis/batch/v1/jobs',
    kind: 'Job',
    workload: true,
  },
  {
    apiVersion: 'autoscaling/v2',
    path: '/apis/autoscaling/v2/horizontalpodautoscalers',
    kind: 'HorizontalPodAutoscaler',
    workload: false,
  },
  {
    apiVersion: 'policy/v1',
    path: '/apis/policy/v1/poddisruptionbudgets',
    kind: 'PodDisruptionBudget',
    workload: false,
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    path: '/apis/networking.k8s.io/v1/networkpolicies',
    kind: 'NetworkPolicy',
    workload: false,
  },
];

export function objectId(cluster: string, type: WatchedType, obj: Obj): string {
  return `${cluster}|${type.kind}|${obj.metadata?.namespace ?? ''}|${
    obj.metadata?.name
  }`;
}

/** Labels, annotations and spec: what the checks read. A short hash keeps 10,000 of them small. */
export function fingerprint(obj: Obj): string {
  const { labels, annotations = {} } = obj.metadata ?? {};
  // The controller bumps the revision right after a spec change: the same change, seen twice.
  const { 'deployment.kubernetes.io/revision': _revision, ...rest } =
    annotations;
  return createHash('sha1')
    .update(JSON.stringify([labels, rest, obj.spec]))
    .digest('base64');
}

/**
 * A failed list in the words the kubernetes backend reports a cluster it cannot read with
 * (`FETCH_ERROR: …` when the cluster is unreachable, `UNAUTHORIZED_ERROR` for a 401), so a
 * report reads the same whichever way the entity was read.
 */
export function describeListError(error: unknown): string {
  const { code, message } = error as { code?: unknown; message?: string };
  if (typeof code !== 'number') return `FETCH_ERROR: ${message}`;
  const types: Record<number, string> = {
    400: 'BAD_REQUEST',
    401: 'UNAUTHORIZED_ERROR',
    404: 'NOT_FOUND',
    500: 'SYSTEM_ERROR',
  };
  return `${types[code] ?? 'UNKNOWN_ERROR'}: HTTP ${code}`;
}
