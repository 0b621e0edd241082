import { InputError } from '@backstage/errors';

export interface KubeManifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface ResourceInfo {
  plural: string;
  /** Where the kind keeps its pod spec, if it runs pods. */
  podSpec?: string[];
}

/**
 * The kinds a golden path may apply, all namespaced, with their REST path segments. A fixed
 * allow-list rather than API discovery: an unknown kind fails before anything is applied. No
 * Namespace (the action creates the step's namespace itself, when config allows), nothing
 * cluster-wide, nothing that grants permissions (Role, RoleBinding).
 */
export const RESOURCES: Record<string, ResourceInfo> = {
  'v1/Service': { plural: 'services' },
  'v1/ServiceAccount': { plural: 'serviceaccounts' },
  'v1/ConfigMap': { plural: 'configmaps' },
  'v1/Secret': { plural: 'secrets' },
  'apps/v1/Deployment': {
    plural: 'deployments',
    podSpec: ['spec', 'template', 'spec'],
  },
  'apps/v1/StatefulSet': {
    plural: 'statefulsets',
    podSpec: ['spec', 'template', 'spec'],
  },
  'batch/v1/Job': { plural: 'jobs', podSpec: ['spec', 'template', 'spec'] },
  'batch/v1/CronJob': {
    plural: 'cronjobs',
    podSpec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    plural: 'horizontalpodautoscalers',
  },
  'policy/v1/PodDisruptionBudget': { plural: 'poddisruptionbudgets' },
  'networking.k8s.io/v1/NetworkPolicy': { plural: 'networkpolicies' },
};

/** The label that marks an object as the portal's: only such objects are ever replaced. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
// The value the golden-path skeletons already write.
export const MANAGED_BY_VALUE = 'portal-golden-path';
/**
 * On a Namespace the applier created: the catalog entity it was created for. The portal's
 * Kubernetes proxy guard lets that entity's owners read the namespace (users cannot write
 * Namespaces, so they cannot forge it); keep in step with the guard's copy in
 * permission-backend-module-portal-policy.
 */
export const OWNER_ENTITY_ANNOTATION = 'portal.io/owner-entity';

/** Namespaces that belong to the cluster itself, never to a golden path. */
const SYSTEM_NAMESPACE = /^(default|kube-.*)$/;

export function resourceOf(m: Pick<KubeManifest, 'apiVersion' | 'kind'>) {
  return RESOURCES[`${m.apiVersion}/${m.kind}`];
}

/** Refuses a namespace that belongs to the cluster, naming the input field. */
export function checkNamespace(namespace: string) {
  if (SYSTEM_NAMESPACE.test(namespace)) {
    throw new InputError(
      `namespace: "${namespace}" belongs to the cluster; golden paths apply only into team namespaces`,
    );
  }
}

/**
 * Checks every manifest up front, so a refused one fails the step before anything reaches the
 * cluster. Each refusal names the manifest and the rule.
 */
export function validateManifests(
  manifests: unknown[],
  namespace: string,
): KubeManifest[] {
  return manifests.map((m, i) => {
    const obj = m as Partial<KubeManifest> | null;
    const where = `manifests[${i}]`;
    if (!obj || typeof obj !== 'object') {
      throw new InputError(`${where} is not an object`);
    }
    if (!obj.apiVersion || !obj.kind || !obj.metadata?.name) {
      throw new InputError(`${where} needs apiVersion, kind and metadata.name`);
    }
    const label = `${where} (${obj.kind} ${obj.metadata.name})`;
    const info = resourceOf(obj as KubeManifest);
    if (!info) {
      throw new InputError(
        `${label}: ${obj.apiVersion} ${
          obj.kind
        } is not a kind golden paths apply (allowed: ${Object.keys(
          RESOURCES,
        ).join(', ')})`,
      );
    }
    const own = obj.metadata.namespace;
    if (own !== undefined && own !== namespace) {
      throw new InputError(
        `${label}: namespace "${own}" is not the step's namespace "${namespace}"; a golden path applies into its own namespace only`,
      );
    }
    checkSecret(obj as KubeManifest, label);
    if (info.podSpec) checkPodSpec(dig(obj, info.podSpec), label);
    return {
      ...obj,
      metadata: {
        ...obj.metadata,
        namespace,
        labels: {
          ...(obj.metadata.labels ?? {}),
          [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
        },
      },
    } as KubeManifest;
  });
}

function checkSecret(m: KubeManifest, label: string) {
  if (m.kind !== 'Secret') return;
  const annotations = (m.metadata.annotations ?? {}) as Record<string, unknown>;
  if (
    m.type === 'kubernetes.io/service-account-token' ||
    'kubernetes.io/service-account.name' in annotations
  ) {
    throw new InputError(
      `${label}: a service-account-token Secret hands out a cluster credential; golden paths do not create them`,
    );
  }
}

const HOST_FLAGS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

/** Refuses pod specs that reach out of the container onto the node. */
function checkPodSpec(spec: any, label: string) {
  if (!spec || typeof spec !== 'object') return;
  for (const flag of HOST_FLAGS) {
    if (spec[flag] === true) {
      throw new InputError(
        `${label}: ${flag} shares the node's namespaces with the pod; not allowed on a golden path`,
      );
    }
  }
  for (const volume of asArray(spec.volumes)) {
    if (volume?.hostPath) {
      throw new InputError(
        `${label}: volume "${volume.name}" is a hostPath (the node's file system); not allowed on a golden path`,
      );
    }
  }
  const containers = [
    ...asArray(spec.initContainers),
    ...asArray(spec.containers),
    ...asArray(spec.ephemeralContainers),
  ];
  for (const c of containers) {
    if (c?.securityContext?.privileged === true) {
      throw new InputError(
        `${label}: container "${c.name}" is privileged (root on the node); not allowed on a golden path`,
      );
    }
  }
}

function dig(obj: unknown, path: string[]): unknown {
  return path.reduce<any>(
    (o, key) => (o && typeof o === 'object' ? o[key] : undefined),
    obj,
  );
}

function asArray(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}
