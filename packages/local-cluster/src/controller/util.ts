import { createHash } from 'node:crypto';
import { ResourceType, apiVersionOf, findResource } from '../resources';
import { KubeObject, OwnerReference } from '../store/types';

export const T = {
  pods: findResource('', 'v1', 'pods')!,
  nodes: findResource('', 'v1', 'nodes')!,
  namespaces: findResource('', 'v1', 'namespaces')!,
  events: findResource('', 'v1', 'events')!,
  serviceAccounts: findResource('', 'v1', 'serviceaccounts')!,
  deployments: findResource('apps', 'v1', 'deployments')!,
  replicaSets: findResource('apps', 'v1', 'replicasets')!,
  statefulSets: findResource('apps', 'v1', 'statefulsets')!,
  daemonSets: findResource('apps', 'v1', 'daemonsets')!,
  jobs: findResource('batch', 'v1', 'jobs')!,
  hpas: findResource('autoscaling', 'v2', 'horizontalpodautoscalers')!,
  services: findResource('', 'v1', 'services')!,
  controllerRevisions: findResource('apps', 'v1', 'controllerrevisions')!,
  endpoints: findResource('', 'v1', 'endpoints')!,
  endpointSlices: findResource('discovery.k8s.io', 'v1', 'endpointslices')!,
};

export const NODE_NAME = 'local-node';

/** The image naming convention that makes a container crash-loop forever. */
export function isCrashLoopImage(image: unknown): boolean {
  return typeof image === 'string' && image.toLowerCase().includes('crashloop');
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      // null is "unset" to the API server: kubectl rollout undo sends the old ReplicaSet's
      // template with `creationTimestamp: null`, which must hash like the original.
      .filter(k => o[k] !== undefined && o[k] !== null)
      .sort()
      .map(k => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';
/** Stable pod-template-hash in the same alphabet the real controller uses. */
export function templateHash(template: unknown): string {
  const digest = createHash('sha256').update(canonical(template)).digest();
  let s = '';
  for (let i = 0; i < 10; i++) s += SAFE[digest[i] % SAFE.length];
  return s;
}

export function ownerRef(rt: ResourceType, owner: KubeObject): OwnerReference {
  return {
    apiVersion: apiVersionOf(rt),
    kind: rt.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find(r => r.controller);
}

export function isOwnedBy(obj: KubeObject, owner: KubeObject): boolean {
  return !!obj.metadata.ownerReferences?.some(
    r => r.uid === owner.metadata.uid,
  );
}

export function isPodReady(pod: KubeObject): boolean {
  return !!pod.status?.conditions?.some(
    (c: any) => c.type === 'Ready' && c.status === 'True',
  );
}

export function isPodActive(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

export function now(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

/** Keeps a condition's transition time unless its status actually changed. */
export function setCondition(
  conditions: any[] | undefined,
  next: Record<string, any>,
  withUpdateTime = false,
): any[] {
  const list = [...(conditions ?? [])];
  const idx = list.findIndex(c => c.type === next.type);
  const prev = idx >= 0 ? list[idx] : undefined;
  const ts = now();
  const merged: Record<string, any> = { ...next };
  merged.lastTransitionTime =
    prev && prev.status === next.status ? prev.lastTransitionTime : ts;
  if (withUpdateTime) {
    merged.lastUpdateTime =
      prev &&
      prev.status === next.status &&
      prev.reason === next.reason &&
      prev.message === next.message
        ? prev.lastUpdateTime
        : ts;
  }
  if (idx >= 0) list[idx] = merged;
  else list.push(merged);
  return list;
}
