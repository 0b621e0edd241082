/**
 * The table of resource types the local cluster serves. Discovery, routing,
 * validation and the Table printer are all driven from here, so adding a type
 * is a one-line change.
 */
export interface ResourceType {
  group: string; // '' for the core group
  version: string;
  resource: string; // plural, as it appears in URLs
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: string[];
  /** Subresources exposed under /<name>/<sub>. */
  subresources?: Array<'status' | 'scale'>;
  /** Served from live state (e.g. metrics) rather than the object store. */
  virtual?: boolean;
  /** Another version of a stored type: never stored under this version itself. */
  converted?: boolean;
  /** An authorization/authentication review: POST answers a question, nothing is stored. */
  review?: boolean;
}

const RW = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];
const ALL = ['all'];

function t(
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType {
  return {
    group,
    version,
    resource,
    kind,
    namespaced,
    singular: kind.toLowerCase(),
    verbs: RW,
    ...extra,
  };
}

export const RESOURCE_TYPES: ResourceType[] = [
  t('', 'v1', 'namespaces', 'Namespace', false, {
    shortNames: ['ns'],
    subresources: ['status'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  }),
  t('', 'v1', 'nodes', 'Node', false, {
    shortNames: ['no'],
    subresources: ['status'],
  }),
  t('', 'v1', 'pods', 'Pod', true, {
    shortNames: ['po'],
    categories: ALL,
    subresources: ['status'],
  }),
  t('', 'v1', 'services', 'Service', true, {
    shortNames: ['svc'],
    categories: ALL,
    subresources: ['status'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  }),
  t('', 'v1', 'configmaps', 'ConfigMap', true, { shortNames: ['cm'] }),
  // Kept up to date from Services and their pods by controller/endpoints.ts.
  t('', 'v1', 'endpoints', 'Endpoints', true, { shortNames: ['ep'] }),
  t('', 'v1', 'secrets', 'Secret', true),
  t('', 'v1', 'events', 'Event', true, { shortNames: ['ev'] }),
  t('', 'v1', 'limitranges', 'LimitRange', true, { shortNames: ['limits'] }),
  t('', 'v1', 'resourcequotas', 'ResourceQuota', true, {
    shortNames: ['quota'],
    subresources: ['status'],
  }),
  t('', 'v1', 'serviceaccounts', 'ServiceAccount', true, {
    shortNames: ['sa'],
  }),
  t('apps', 'v1', 'deployments', 'Deployment', true, {
    shortNames: ['deploy'],
    categories: ALL,
    subresources: ['status', 'scale'],
  }),
  t('apps', 'v1', 'replicasets', 'ReplicaSet', true, {
    shortNames: ['rs'],
    categories: ALL,
    subresources: ['status', 'scale'],
  }),
  t('apps', 'v1', 'statefulsets', 'StatefulSet', true, {
    shortNames: ['sts'],
    categories: ALL,
    subresources: ['status', 'scale'],
  }),
  t('apps', 'v1', 'daemonsets', 'DaemonSet', true, {
    shortNames: ['ds'],
    categories: ALL,
    subresources: ['status'],
  }),
  // StatefulSet and DaemonSet template history (controller/history.ts).
  t('apps', 'v1', 'controllerrevisions', 'ControllerRevision', true),
  t('batch', 'v1', 'jobs', 'Job', true, {
    categories: ALL,
    subresources: ['status'],
  }),
  t('batch', 'v1', 'cronjobs', 'CronJob', true, {
    shortNames: ['cj'],
    categories: ALL,
    subresources: ['status'],
  }),
  t(
    'autoscaling',
    'v2',
    'horizontalpodautoscalers',
    'HorizontalPodAutoscaler',
    true,
    {
      shortNames: ['hpa'],
      categories: ALL,
      subresources: ['status'],
    },
  ),
  // Served by converting to and from the v2 objects (server/conversion.ts); `kubectl autoscale` writes v1.
  t(
    'autoscaling',
    'v1',
    'horizontalpodautoscalers',
    'HorizontalPodAutoscaler',
    true,
    {
      shortNames: ['hpa'],
      categories: ALL,
      subresources: ['status'],
      converted: true,
    },
  ),
  t('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true),
  // The core Events, read and written in the events.k8s.io shape (server/conversion.ts).
  t('events.k8s.io', 'v1', 'events', 'Event', true, { converted: true }),
  t('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, {
    shortNames: ['ing'],
    subresources: ['status'],
  }),
  t('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true, {
    shortNames: ['netpol'],
  }),
  t('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, {
    shortNames: ['pdb'],
    subresources: ['status'],
  }),
  t('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true),
  t('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true),
  t('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
  t(
    'rbac.authorization.k8s.io',
    'v1',
    'clusterrolebindings',
    'ClusterRoleBinding',
    false,
  ),
  // Reviews are create-only questions to the authorizer, answered and never stored.
  ...(
    [
      ['selfsubjectaccessreviews', 'SelfSubjectAccessReview', false],
      ['subjectaccessreviews', 'SubjectAccessReview', false],
      ['selfsubjectrulesreviews', 'SelfSubjectRulesReview', false],
      ['localsubjectaccessreviews', 'LocalSubjectAccessReview', true],
    ] as const
  ).map(([resource, kind, namespaced]) =>
    t('authorization.k8s.io', 'v1', resource, kind, namespaced, {
      verbs: ['create'],
      virtual: true,
      review: true,
    }),
  ),
  t(
    'authentication.k8s.io',
    'v1',
    'selfsubjectreviews',
    'SelfSubjectReview',
    false,
    {
      verbs: ['create'],
      virtual: true,
      review: true,
    },
  ),
  t('metrics.k8s.io', 'v1beta1', 'pods', 'PodMetrics', true, {
    verbs: ['get', 'list'],
    virtual: true,
  }),
  t('metrics.k8s.io', 'v1beta1', 'nodes', 'NodeMetrics', false, {
    verbs: ['get', 'list'],
    virtual: true,
  }),
];

export function apiVersionOf(rt: ResourceType): string {
  return rt.group ? `${rt.group}/${rt.version}` : rt.version;
}

/** `deployments.apps`, `pods` — the spelling the API server uses in messages. */
export function qualifiedResource(rt: ResourceType): string {
  return rt.group ? `${rt.resource}.${rt.group}` : rt.resource;
}

/** `Deployment.apps`, `Pod` — used in 422 Invalid messages. */
export function qualifiedKind(rt: ResourceType): string {
  return rt.group ? `${rt.kind}.${rt.group}` : rt.kind;
}

export function findResource(
  group: string,
  version: string,
  resource: string,
): ResourceType | undefined {
  return RESOURCE_TYPES.find(
    r => r.group === group && r.version === version && r.resource === resource,
  );
}

export function findByKind(
  apiVersion: string,
  kind: string,
): ResourceType | undefined {
  return RESOURCE_TYPES.find(
    r => !r.converted && apiVersionOf(r) === apiVersion && r.kind === kind,
  );
}

/** Groups in the order discovery should list them (core first). */
export function groupVersions(): Array<{ group: string; version: string }> {
  const seen = new Map<string, { group: string; version: string }>();
  for (const r of RESOURCE_TYPES) {
    const key = `${r.group}/${r.version}`;
    if (!seen.has(key)) seen.set(key, { group: r.group, version: r.version });
  }
  return [...seen.values()];
}
