/*
 * Fixtures for the tests: a workload that passes every check, so each test
 * breaks exactly the one thing it is about.
 */
import { KubeObject, WorkloadContext } from './types';

export const NAME = 'payment-service';
export const NAMESPACE = 'payments';

/** A container that passes every container-level check. */
export function goodContainer(overrides: Record<string, any> = {}): any {
  return {
    name: 'app',
    image: 'registry.portal.io/payments/payment-service:1.4.2',
    resources: {
      requests: { cpu: '250m', memory: '256Mi' },
      limits: { cpu: '1', memory: '256Mi' },
    },
    readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
    livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
    securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false },
    ...overrides,
  };
}

/** An init container that passes every check that applies to init containers (no probes). */
export function goodInitContainer(overrides: Record<string, any> = {}): any {
  const { readinessProbe, livenessProbe, ...init } = goodContainer({
    name: 'migrate',
    ...overrides,
  });
  return init;
}

export function goodPodSpec(overrides: Record<string, any> = {}): any {
  return { containers: [goodContainer()], ...overrides };
}

export const STANDARD_LABELS = {
  'app.kubernetes.io/name': NAME,
  team: 'payments',
};

export interface WorkloadOptions {
  podSpec?: any;
  replicas?: number;
  labels?: Record<string, string>;
  templateLabels?: Record<string, string>;
  name?: string;
}

const API_VERSIONS: Record<string, string> = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Pod: 'v1',
};

/** A workload of any kind around a pod spec, nested where that kind keeps its template. */
export function workloadOf(
  kind: string,
  options: WorkloadOptions = {},
): KubeObject {
  const podSpec = options.podSpec ?? goodPodSpec();
  const labels = options.labels ?? STANDARD_LABELS;
  const templateLabels = options.templateLabels ?? {
    'app.kubernetes.io/name': NAME,
  };
  const metadata = {
    name: options.name ?? NAME,
    namespace: NAMESPACE,
    labels,
  };
  const template = { metadata: { labels: templateLabels }, spec: podSpec };
  const base = { apiVersion: API_VERSIONS[kind] ?? 'v1', kind, metadata };
  switch (kind) {
    case 'Pod':
      return {
        ...base,
        metadata: { ...metadata, labels: { ...templateLabels, ...labels } },
        spec: podSpec,
      };
    case 'CronJob':
      return {
        ...base,
        spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template } } },
      };
    case 'Job':
    case 'DaemonSet':
      return { ...base, spec: { template } };
    default:
      return {
        ...base,
        spec: {
          ...(options.replicas !== undefined && { replicas: options.replicas }),
          selector: { matchLabels: templateLabels },
          template,
        },
      };
  }
}

export function deployment(options: WorkloadOptions = {}): KubeObject {
  return workloadOf('Deployment', { replicas: 3, ...options });
}

export function pdb(selector: any, name = NAME): KubeObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: NAMESPACE },
    spec: { maxUnavailable: 1, ...(selector !== undefined && { selector }) },
  };
}

export function hpa(scaleTargetRef: any): KubeObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: NAME, namespace: NAMESPACE },
    spec: { scaleTargetRef, minReplicas: 2, maxReplicas: 10 },
  };
}

export function networkPolicy(
  spec: any,
  name = 'default-deny-ingress',
): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: NAMESPACE },
    spec,
  };
}

export const DEFAULT_DENY = networkPolicy({
  podSelector: {},
  policyTypes: ['Ingress'],
});

/** The context of a workload in an otherwise empty namespace, unless objects are given. */
export function contextOf(
  workload: KubeObject,
  namespace: Partial<WorkloadContext['namespace']> = {},
): WorkloadContext {
  return {
    workload,
    namespace: {
      horizontalPodAutoscalers: [],
      podDisruptionBudgets: [],
      networkPolicies: [],
      ...namespace,
    },
  };
}

/** A context in which every check passes. */
export function conformingContext(): WorkloadContext {
  return contextOf(deployment(), {
    podDisruptionBudgets: [
      pdb({ matchLabels: { 'app.kubernetes.io/name': NAME } }),
    ],
    horizontalPodAutoscalers: [
      hpa({ apiVersion: 'apps/v1', kind: 'Deployment', name: NAME }),
    ],
    networkPolicies: [DEFAULT_DENY],
  });
}
