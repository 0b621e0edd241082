import type {
  CheckDescriptor,
  EntityConformance,
} from '@internal/plugin-conformance-common';
import type { Entity } from '@backstage/catalog-model';
import type { EntitySummary } from '../api/types';

export const checks: CheckDescriptor[] = [
  {
    id: 'run-as-non-root',
    title: 'Containers run as non-root',
    shortTitle: 'Non-root',
    severity: 'critical',
    rationale: 'A root process that escapes its container owns the node.',
    remediation: 'Set securityContext.runAsNonRoot to true.',
    remediationSnippet: 'securityContext:\n  runAsNonRoot: true\n',
    enabled: true,
  },
  {
    id: 'resource-limits',
    title: 'Containers declare resource limits',
    shortTitle: 'Limits',
    severity: 'high',
    rationale: 'Without limits one pod can starve its neighbours.',
    remediation: 'Set resources.limits.cpu and resources.limits.memory.',
    remediationSnippet:
      'resources:\n  limits:\n    cpu: 500m\n    memory: 256Mi\n',
    enabled: true,
  },
  {
    id: 'liveness-probe',
    title: 'Containers have a liveness probe',
    shortTitle: 'Probe',
    severity: 'medium',
    rationale: 'Kubernetes cannot restart a hung process it cannot see.',
    remediation: 'Add a livenessProbe to every long-running container.',
    remediationSnippet:
      'livenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080\n',
    enabled: true,
  },
  {
    id: 'pinned-image',
    title: 'Images are pinned',
    shortTitle: 'Pinned',
    severity: 'low',
    rationale: 'Disabled in this portal.',
    remediation: 'Use a digest.',
    remediationSnippet: 'image: app@sha256:abc\n',
    enabled: false,
  },
];

export const paymentEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payment-service',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'payment-service' },
  },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
};

export const paymentsGroup: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

export const paymentReport: EntityConformance = {
  entityRef: 'component:default/payment-service',
  score: 62,
  evaluatedAt: '2025-03-01T10:00:00.000Z',
  workloads: [
    {
      workload: {
        cluster: 'local',
        namespace: 'payments',
        kind: 'Deployment',
        name: 'payment-api',
      },
      results: [
        {
          checkId: 'run-as-non-root',
          severity: 'critical',
          verdict: 'pass',
          findings: [],
        },
        {
          checkId: 'resource-limits',
          severity: 'high',
          verdict: 'fail',
          findings: [
            {
              container: 'api',
              fieldPath: 'spec.template.spec.containers[0].resources.limits',
              message: 'Container "api" has no memory limit.',
            },
          ],
        },
        {
          checkId: 'liveness-probe',
          severity: 'medium',
          verdict: 'exempt',
          findings: [
            {
              container: 'api',
              fieldPath: 'spec.template.spec.containers[0].livenessProbe',
              message: 'Container "api" has no liveness probe.',
            },
          ],
          exemptionReason: 'Probe lands with the v2 rewrite (PAY-123).',
        },
      ],
    },
    {
      workload: {
        cluster: 'local',
        namespace: 'payments',
        kind: 'CronJob',
        name: 'payment-reconcile',
      },
      results: [
        {
          checkId: 'run-as-non-root',
          severity: 'critical',
          verdict: 'pass',
          findings: [],
        },
        {
          checkId: 'resource-limits',
          severity: 'high',
          verdict: 'fail',
          findings: [
            {
              container: 'reconcile',
              fieldPath:
                'spec.jobTemplate.spec.template.spec.containers[0].resources.limits',
              message: 'Container "reconcile" has no CPU limit.',
            },
          ],
        },
        {
          checkId: 'liveness-probe',
          severity: 'medium',
          verdict: 'not-applicable',
          findings: [],
        },
      ],
    },
  ],
  summary: { pass: 2, fail: 2, exempt: 1, 'not-applicable': 1 },
  clusterErrors: [{ cluster: 'staging', message: 'connect ECONNREFUSED' }],
};

export const summaries: EntitySummary[] = [
  {
    entityRef: 'component:default/payment-service',
    title: 'Payment Service',
    owner: 'group:default/payments',
    system: 'system:default/checkout',
    score: 62,
    evaluatedAt: '2025-03-01T10:00:00.000Z',
    workloadCount: 2,
    verdicts: {
      'run-as-non-root': 'pass',
      'resource-limits': 'fail',
      'liveness-probe': 'exempt',
    },
    summary: { pass: 2, fail: 2, exempt: 1, 'not-applicable': 1 },
    failingSeverities: ['high'],
    clusterErrors: [],
  },
  {
    entityRef: 'component:default/search-api',
    owner: 'group:default/platform',
    system: 'system:default/discovery',
    score: 100,
    evaluatedAt: '2025-03-01T10:00:00.000Z',
    workloadCount: 1,
    verdicts: {
      'run-as-non-root': 'pass',
      'resource-limits': 'pass',
      'liveness-probe': 'pass',
    },
    summary: { pass: 3, fail: 0, exempt: 0, 'not-applicable': 0 },
    failingSeverities: [],
    clusterErrors: [],
  },
  {
    entityRef: 'component:default/ledger',
    owner: 'group:default/payments',
    system: 'system:default/checkout',
    score: 30,
    evaluatedAt: '2025-03-01T10:00:00.000Z',
    workloadCount: 1,
    verdicts: {
      'run-as-non-root': 'fail',
      'resource-limits': 'fail',
      'liveness-probe': 'pass',
    },
    summary: { pass: 1, fail: 2, exempt: 0, 'not-applicable': 0 },
    failingSeverities: ['critical', 'high'],
    clusterErrors: [],
  },
];
