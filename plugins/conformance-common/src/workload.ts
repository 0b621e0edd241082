import { KubeObject } from './types';

/**
 * Kinds the checks understand; every check is not-applicable to any other kind.
 *
 * @public
 */
export const WORKLOAD_KINDS: string[] = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'Pod',
];

/** Where the pod template sits in each kind, so findings point at the real field. */
const TEMPLATE_PATHS: Record<string, string> = {
  Deployment: 'spec.template',
  StatefulSet: 'spec.template',
  DaemonSet: 'spec.template',
  ReplicaSet: 'spec.template',
  Job: 'spec.template',
  CronJob: 'spec.jobTemplate.spec.template',
  Pod: '',
};

/** The pod template of a workload: the pod spec and, if any, its metadata. */
export interface PodTemplate {
  metadata?: any;
  spec: any;
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The pod template of a workload (for a Pod, the pod itself), or undefined
 * for an unknown kind or a workload without a pod spec.
 *
 * @public
 */
export function podTemplateOf(
  workload: KubeObject,
): { metadata?: any; spec: any } | undefined {
  const kind = workload.kind ?? '';
  if (!(kind in TEMPLATE_PATHS)) {
    return undefined;
  }
  if (kind === 'Pod') {
    return isObject(workload.spec)
      ? { metadata: workload.metadata, spec: workload.spec }
      : undefined;
  }
  const template =
    kind === 'CronJob'
      ? workload.spec?.jobTemplate?.spec?.template
      : workload.spec?.template;
  if (!isObject(template) || !isObject(template.spec)) {
    return undefined;
  }
  return { metadata: template.metadata, spec: template.spec };
}

/** A container of the pod template together with where it sits in the workload. */
export interface LocatedContainer {
  container: Record<string, any>;
  name?: string;
  /** e.g. `spec.template.spec.initContainers[1]` */
  path: string;
  init: boolean;
}

/** A workload's pod template with the paths needed to report findings against it. */
export interface ResolvedPodTemplate {
  template: PodTemplate;
  /** Path of the template metadata: `metadata` for a Pod. */
  metadataPath: string;
  /** Path of the pod spec: `spec` for a Pod. */
  specPath: string;
  /** Init containers first, in the order Kubernetes starts them. */
  containers: LocatedContainer[];
}

function join(prefix: string, field: string): string {
  return prefix ? `${prefix}.${field}` : field;
}

/** Resolves the pod template and its paths; undefined when the checks cannot apply. */
export function resolvePodTemplate(
  workload: KubeObject,
): ResolvedPodTemplate | undefined {
  const template: PodTemplate | undefined = podTemplateOf(workload);
  if (!template) {
    return undefined;
  }
  const prefix = TEMPLATE_PATHS[workload.kind ?? ''];
  const specPath = join(prefix, 'spec');
  const located = (field: string, init: boolean): LocatedContainer[] => {
    const list = template.spec[field];
    if (!Array.isArray(list)) {
      return [];
    }
    return list.flatMap((container, index) =>
      isObject(container)
        ? [
            {
              container,
              name:
                typeof container.name === 'string' ? container.name : undefined,
              path: `${specPath}.${field}[${index}]`,
              init,
            },
          ]
        : [],
    );
  };
  return {
    template,
    metadataPath: join(prefix, 'metadata'),
    specPath,
    containers: [
      ...located('initContainers', true),
      ...located('containers', false),
    ],
  };
}

/** How a finding names a container: by name when it has one, else by path. */
export function describeContainer(c: LocatedContainer): string {
  const role = c.init ? 'Init container' : 'Container';
  return c.name ? `${role} "${c.name}"` : `${role} at ${c.path}`;
}

/**
 * The namespaced objects that live in the workload's namespace. The backend is
 * meant to pass only those, but an object that says otherwise is skipped so a
 * cluster-wide list cannot make a check pass by accident.
 */
export function inWorkloadNamespace(
  objects: KubeObject[] | undefined,
  workload: KubeObject,
): KubeObject[] {
  const namespace = workload.metadata?.namespace;
  return (objects ?? []).filter(
    o =>
      isObject(o) &&
      (!namespace ||
        !o.metadata?.namespace ||
        o.metadata.namespace === namespace),
  );
}

/** A path segment for a map key, bracketed when the key is not a plain identifier. */
export function keyPath(prefix: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
    ? `${prefix}.${key}`
    : `${prefix}['${key}']`;
}
