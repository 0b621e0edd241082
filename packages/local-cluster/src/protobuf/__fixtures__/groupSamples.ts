/** Rich JSON objects of the autoscaling, policy, networking, rbac, events and authorization kinds. */
import { workloadSamples } from './workloadSamples';

const m = (name: string, namespace?: string) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: '0b0c0d0e-0000-4000-8000-000000000002',
  resourceVersion: '100',
  generation: 2,
  creationTimestamp: '2026-12-05T09:00:00Z',
  labels: { app: name },
});
const selector = { matchLabels: { app: 'app' } };

const otherSamples: Record<string, any>[] = [
  {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: m('app', 'payments'),
    spec: {
      scaleTargetRef: {
        kind: 'Deployment',
        name: 'app',
        apiVersion: 'apps/v1',
      },
      minReplicas: 1,
      maxReplicas: 5,
      targetCPUUtilizationPercentage: 70,
    },
    status: {
      currentReplicas: 2,
      desiredReplicas: 3,
      currentCPUUtilizationPercentage: 85,
      lastScaleTime: '2026-12-05T09:02:00Z',
    },
  },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: m('app', 'payments'),
    spec: {
      scaleTargetRef: {
        kind: 'Deployment',
        name: 'app',
        apiVersion: 'apps/v1',
      },
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 70 },
          },
        },
        {
          type: 'Pods',
          pods: {
            metric: { name: 'rps', selector: { matchLabels: { app: 'app' } } },
            target: { type: 'AverageValue', averageValue: '100m' },
          },
        },
      ],
      behavior: {
        scaleDown: {
          stabilizationWindowSeconds: 0,
          selectPolicy: 'Max',
          policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }],
        },
      },
    },
    status: {
      currentReplicas: 2,
      desiredReplicas: 3,
      currentMetrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            current: { averageUtilization: 85, averageValue: '170m' },
          },
        },
      ],
      conditions: [
        {
          type: 'AbleToScale',
          status: 'True',
          lastTransitionTime: '2026-12-05T09:00:00Z',
          reason: 'ReadyForNewScale',
        },
      ],
    },
  },
  {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: m('app', 'payments'),
    spec: { replicas: 3 },
    status: { replicas: 2, selector: 'app=app' },
  },
  {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: m('app', 'payments'),
    spec: {
      minAvailable: '50%',
      selector,
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
    },
    status: {
      observedGeneration: 2,
      disruptionsAllowed: 0,
      currentHealthy: 2,
      desiredHealthy: 1,
      expectedPods: 3,
      disruptedPods: { 'app-1': '2026-12-05T09:03:00Z' },
      conditions: [
        {
          type: 'DisruptionAllowed',
          status: 'False',
          observedGeneration: 2,
          lastTransitionTime: '2026-12-05T09:03:00Z',
          reason: 'InsufficientPods',
          message: '',
        },
      ],
    },
  },
  {
    apiVersion: 'policy/v1',
    kind: 'Eviction',
    metadata: { name: 'app-1', namespace: 'payments' },
    deleteOptions: { gracePeriodSeconds: 0, dryRun: ['All'] },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: m('deny', 'payments'),
    spec: {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [
            { podSelector: { matchLabels: { role: 'fe' } } },
            { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
          ],
          ports: [
            { protocol: 'TCP', port: 'http' },
            { port: 8000, endPort: 8080 },
          ],
        },
      ],
      egress: [
        { to: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }] },
      ],
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: m('web', 'payments'),
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['foo.com'], secretName: 'tls' }],
      rules: [
        {
          host: 'foo.com',
          http: {
            paths: [
              {
                path: '/bar',
                pathType: 'Prefix',
                backend: { service: { name: 'svc1', port: { number: 8080 } } },
              },
            ],
          },
        },
      ],
    },
    status: { loadBalancer: { ingress: [{ ip: '10.0.0.9' }] } },
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: m('reader', 'payments'),
    rules: [
      {
        verbs: ['get', 'list', 'watch'],
        apiGroups: [''],
        resources: ['pods', 'pods/log'],
        resourceNames: ['app'],
      },
    ],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: m('reader', 'payments'),
    subjects: [
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' },
      { kind: 'ServiceAccount', name: 'portal', namespace: 'backstage' },
    ],
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'reader',
    },
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: m('view'),
    rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }],
    aggregationRule: {
      clusterRoleSelectors: [
        {
          matchLabels: {
            'rbac.authorization.k8s.io/aggregate-to-view': 'true',
          },
        },
      ],
    },
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: m('view-alice'),
    subjects: [
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' },
    ],
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'view',
    },
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleList',
    metadata: { resourceVersion: '5' },
    items: [
      {
        metadata: { name: 'edit' },
        rules: [
          { verbs: ['*'], apiGroups: ['apps'], resources: ['deployments'] },
        ],
      },
    ],
  },
  {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name: 'app.17f', namespace: 'payments' },
    eventTime: '2026-12-05T09:00:00.000001Z',
    series: { count: 3, lastObservedTime: '2026-12-05T09:04:00.250000Z' },
    reportingController: 'local-cluster/controller',
    reportingInstance: 'local-node',
    action: 'Scaling',
    reason: 'ScalingReplicaSet',
    regarding: {
      kind: 'Deployment',
      namespace: 'payments',
      name: 'app',
      apiVersion: 'apps/v1',
    },
    note: 'Scaled up replica set app-7d4b9c to 2',
    type: 'Normal',
    deprecatedFirstTimestamp: '2026-12-05T09:00:00Z',
    deprecatedCount: 3,
  },
];

export const groupSamples = [...workloadSamples, ...otherSamples];
