/**
 * Which (apiVersion, kind) pairs the server reads and writes as protobuf, and
 * the upstream message each maps to. Anything else sent as protobuf is
 * answered 415, as a real API server does for types it has no protobuf
 * codec for (custom resources).
 */
import { Type } from 'protobufjs';
import { lookupType } from './schema';

const API = 'k8s.io.api';
const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';

/** apiVersion → [proto package, kinds served as objects and as <Kind>List]. */
const GROUPS: Record<string, [string, string[], string[]?]> = {
  v1: [
    `${API}.core.v1`,
    [
      'Namespace',
      'Pod',
      'Service',
      'ConfigMap',
      'Secret',
      'ServiceAccount',
      'Event',
      'Node',
      'LimitRange',
      'ResourceQuota',
      'Endpoints',
    ],
    ['Binding'],
  ],
  'apps/v1': [
    `${API}.apps.v1`,
    ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'],
  ],
  'batch/v1': [`${API}.batch.v1`, ['Job', 'CronJob']],
  'autoscaling/v1': [
    `${API}.autoscaling.v1`,
    ['HorizontalPodAutoscaler'],
    ['Scale'],
  ],
  'autoscaling/v2': [`${API}.autoscaling.v2`, ['HorizontalPodAutoscaler']],
  'policy/v1': [`${API}.policy.v1`, ['PodDisruptionBudget'], ['Eviction']],
  'networking.k8s.io/v1': [
    `${API}.networking.v1`,
    ['NetworkPolicy', 'Ingress', 'IngressClass'],
  ],
  'rbac.authorization.k8s.io/v1': [
    `${API}.rbac.v1`,
    ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'],
  ],
  'events.k8s.io/v1': [`${API}.events.v1`, ['Event']],
  'discovery.k8s.io/v1': [`${API}.discovery.v1`, ['EndpointSlice']],
  'authentication.k8s.io/v1': [
    `${API}.authentication.v1`,
    [],
    ['SelfSubjectReview', 'TokenReview', 'TokenRequest'],
  ],
  'authorization.k8s.io/v1': [
    `${API}.authorization.v1`,
    [],
    [
      'SelfSubjectAccessReview',
      'SubjectAccessReview',
      'LocalSubjectAccessReview',
      'SelfSubjectRulesReview',
    ],
  ],
};

/**
 * meta.k8s.io kinds that travel under whatever apiVersion the request is
 * for: client-go encodes DeleteOptions with the resource's group version,
 * and errors are `Status` with apiVersion v1.
 */
const META_KINDS = [
  'Status',
  'DeleteOptions',
  'CreateOptions',
  'UpdateOptions',
  'PatchOptions',
];

/** Every registered (apiVersion, kind), for tests and the README. */
export function registeredKinds(): Array<{ apiVersion: string; kind: string }> {
  return Object.entries(GROUPS).flatMap(([apiVersion, [, kinds, singles]]) => [
    ...kinds.flatMap(kind => [
      { apiVersion, kind },
      { apiVersion, kind: `${kind}List` },
    ]),
    ...(singles ?? []).map(kind => ({ apiVersion, kind })),
  ]);
}

/** The message type for an object of this apiVersion and kind, if served as protobuf. */
export function messageTypeFor(
  apiVersion: string | undefined,
  kind: string | undefined,
): Type | undefined {
  if (!apiVersion || !kind) return undefined;
  if (META_KINDS.includes(kind)) return lookupType(`${META}.${kind}`);
  const group = GROUPS[apiVersion];
  if (!group) return undefined;
  const [pkg, kinds, singles] = group;
  const base = kind.endsWith('List') ? kind.slice(0, -4) : kind;
  const known =
    (kinds.includes(base) && (base === kind || kind === `${base}List`)) ||
    (singles ?? []).includes(kind);
  return known ? lookupType(`${pkg}.${kind}`) : undefined;
}
