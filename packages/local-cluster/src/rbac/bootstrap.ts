/**
 * The default ClusterRoles and ClusterRoleBindings a real cluster creates at
 * start (plugin/pkg/auth/authorizer/rbac/bootstrappolicy), trimmed to the
 * resources this server serves: cluster-admin, the aggregated
 * admin/edit/view, discovery, basic-user and public-info-viewer.
 */
import { KubeObject } from '../store/types';
import { PolicyRule } from './types';

const RW = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const READ = ['get', 'list', 'watch'];
const DEFAULTS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

const aggregateLabel = (to: string) => ({
  [`rbac.authorization.k8s.io/aggregate-to-${to}`]: 'true',
});

function clusterRole(
  name: string,
  rules: PolicyRule[],
  extra: { labels?: Record<string, string>; aggregateFrom?: string } = {},
): KubeObject {
  const obj: KubeObject = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {
      name,
      labels: { ...DEFAULTS, ...extra.labels },
      annotations: AUTOUPDATE,
    },
    rules,
  };
  if (extra.aggregateFrom) {
    obj.aggregationRule = {
      clusterRoleSelectors: [
        { matchLabels: aggregateLabel(extra.aggregateFrom) },
      ],
    };
  }
  return obj;
}

function binding(name: string, role: string, groups: string[]): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name, labels: DEFAULTS, annotations: AUTOUPDATE },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: role,
    },
    subjects: groups.map(g => ({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Group',
      name: g,
    })),
  };
}

const r = (
  apiGroups: string[],
  resources: string[],
  verbs: string[],
): PolicyRule => ({ apiGroups, resources, verbs });

const withStatus = (...names: string[]) =>
  names.flatMap(n => [n, `${n}/status`]);

const VIEW_RULES: PolicyRule[] = [
  r(
    [''],
    [
      'configmaps',
      'endpoints',
      'persistentvolumeclaims',
      'persistentvolumeclaims/status',
      'pods',
      'replicationcontrollers',
      'replicationcontrollers/scale',
      'serviceaccounts',
      'services',
      'services/status',
    ],
    READ,
  ),
  r(
    [''],
    [
      'bindings',
      'events',
      'limitranges',
      'namespaces/status',
      'pods/log',
      'pods/status',
      'replicationcontrollers/status',
      'resourcequotas',
      'resourcequotas/status',
    ],
    READ,
  ),
  r([''], ['namespaces'], READ),
  r(['discovery.k8s.io'], ['endpointslices'], READ),
  r(
    ['apps'],
    [
      'controllerrevisions',
      ...withStatus('daemonsets', 'deployments', 'replicasets', 'statefulsets'),
      'deployments/scale',
      'replicasets/scale',
      'statefulsets/scale',
    ],
    READ,
  ),
  r(['autoscaling'], withStatus('horizontalpodautoscalers'), READ),
  r(['batch'], withStatus('cronjobs', 'jobs'), READ),
  r(
    ['networking.k8s.io'],
    [...withStatus('ingresses'), 'networkpolicies'],
    READ,
  ),
  r(['policy'], withStatus('poddisruptionbudgets'), READ),
  r(['metrics.k8s.io'], ['pods', 'nodes'], READ),
];

const EDIT_RULES: PolicyRule[] = [
  r(
    [''],
    [
      'pods/attach',
      'pods/exec',
      'pods/portforward',
      'pods/proxy',
      'secrets',
      'services/proxy',
    ],
    READ,
  ),
  r([''], ['serviceaccounts'], ['impersonate']),
  r(
    [''],
    ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'],
    RW,
  ),
  r([''], ['pods/eviction'], ['create']),
  r(
    [''],
    [
      'configmaps',
      'events',
      'persistentvolumeclaims',
      'replicationcontrollers',
      'replicationcontrollers/scale',
      'secrets',
      'serviceaccounts',
      'services',
      'services/proxy',
    ],
    RW,
  ),
  r([''], ['serviceaccounts/token'], ['create']),
  r(
    ['apps'],
    [
      'daemonsets',
      'deployments',
      'deployments/rollback',
      'deployments/scale',
      'replicasets',
      'replicasets/scale',
      'statefulsets',
      'statefulsets/scale',
    ],
    RW,
  ),
  r(['autoscaling'], ['horizontalpodautoscalers'], RW),
  r(['batch'], ['cronjobs', 'jobs'], RW),
  r(['networking.k8s.io'], ['ingresses', 'networkpolicies'], RW),
  r(['policy'], ['poddisruptionbudgets'], RW),
];

const ADMIN_RULES: PolicyRule[] = [
  r(['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']),
  r(['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], [...RW, ...READ]),
];

const DISCOVERY_URLS = [
  '/api',
  '/api/*',
  '/apis',
  '/apis/*',
  '/healthz',
  '/livez',
  '/openapi',
  '/openapi/*',
  '/readyz',
  '/version',
  '/version/',
];
const PUBLIC_URLS = ['/healthz', '/livez', '/readyz', '/version', '/version/'];

export const ADMIN_GROUP = 'system:masters';

export function bootstrapPolicy(): KubeObject[] {
  return [
    clusterRole('cluster-admin', [
      r(['*'], ['*'], ['*']),
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ]),
    clusterRole('admin', [], { aggregateFrom: 'admin' }),
    clusterRole('edit', [], {
      aggregateFrom: 'edit',
      labels: aggregateLabel('admin'),
    }),
    clusterRole('view', [], {
      aggregateFrom: 'view',
      labels: aggregateLabel('edit'),
    }),
    clusterRole('system:aggregate-to-admin', ADMIN_RULES, {
      labels: aggregateLabel('admin'),
    }),
    clusterRole('system:aggregate-to-edit', EDIT_RULES, {
      labels: aggregateLabel('edit'),
    }),
    clusterRole('system:aggregate-to-view', VIEW_RULES, {
      labels: aggregateLabel('view'),
    }),
    clusterRole('system:discovery', [
      { nonResourceURLs: DISCOVERY_URLS, verbs: ['get'] },
    ]),
    clusterRole('system:public-info-viewer', [
      { nonResourceURLs: PUBLIC_URLS, verbs: ['get'] },
    ]),
    clusterRole('system:basic-user', [
      r(
        ['authorization.k8s.io'],
        ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
        ['create'],
      ),
      r(['authentication.k8s.io'], ['selfsubjectreviews'], ['create']),
    ]),
    binding('cluster-admin', 'cluster-admin', [ADMIN_GROUP]),
    binding('system:discovery', 'system:discovery', ['system:authenticated']),
    binding('system:basic-user', 'system:basic-user', ['system:authenticated']),
    binding('system:public-info-viewer', 'system:public-info-viewer', [
      'system:authenticated',
      'system:unauthenticated',
    ]),
  ];
}
