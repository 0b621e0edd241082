/**
 * metrics.k8s.io stand-in. Usage is derived from each running container's
 * requests with a stable per-pod factor plus slow drift, so graphs in the
 * portal look alive without being random noise between refreshes.
 */
import { createHash } from 'node:crypto';
import { findResource } from '../resources';
import { ObjectStore } from '../store/ObjectStore';
import { KubeObject } from '../store/types';
import { parseQuantity } from './quantity';

const PODS = findResource('', 'v1', 'pods')!;
const NODES = findResource('', 'v1', 'nodes')!;

function unit(seed: string): number {
  return (
    createHash('sha256').update(seed).digest().readUInt32BE(0) / 0xffffffff
  );
}

function usageFor(pod: KubeObject, container: any, now: number) {
  const seed = `${pod.metadata.uid}/${container.name}`;
  const drift = 0.85 + 0.3 * Math.abs(Math.sin(now / 60000 + unit(seed) * 6));
  const cpuReq = parseQuantity(container.resources?.requests?.cpu) ?? 0.05;
  const memReq =
    parseQuantity(container.resources?.requests?.memory) ?? 64 * 1024 ** 2;
  const cpu = cpuReq * (0.15 + 0.5 * unit(`${seed}/cpu`)) * drift;
  const mem = memReq * (0.35 + 0.45 * unit(`${seed}/mem`)) * drift;
  return {
    cpu: `${Math.max(1, Math.round(cpu * 1e9))}n`,
    memory: `${Math.max(1, Math.round(mem / 1024))}Ki`,
  };
}

function isRunning(pod: KubeObject): boolean {
  return pod.status?.phase === 'Running';
}

export function podMetrics(pod: KubeObject, now = Date.now()): KubeObject {
  const running = new Set(
    (pod.status?.containerStatuses ?? [])
      .filter((c: any) => c.state?.running)
      .map((c: any) => c.name),
  );
  return {
    kind: 'PodMetrics',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: {
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      creationTimestamp: new Date(now).toISOString().replace(/\.\d+Z$/, 'Z'),
      labels: pod.metadata.labels,
    },
    timestamp: new Date(now - 5000).toISOString().replace(/\.\d+Z$/, 'Z'),
    window: '15.009s',
    containers: (pod.spec?.containers ?? [])
      .filter((c: any) => running.has(c.name))
      .map((c: any) => ({ name: c.name, usage: usageFor(pod, c, now) })),
  };
}

export function listPodMetrics(
  store: ObjectStore,
  namespace?: string,
): KubeObject[] {
  return store
    .list(PODS, namespace)
    .filter(isRunning)
    .map(p => podMetrics(p));
}

export function listNodeMetrics(store: ObjectStore): KubeObject[] {
  const now = Date.now();
  const pods = store.list(PODS).filter(isRunning);
  return store.list(NODES).map(node => {
    let cpu = 0.12;
    let mem = 900 * 1024 ** 2;
    for (const p of pods.filter(x => x.spec?.nodeName === node.metadata.name)) {
      for (const c of podMetrics(p, now).containers) {
        cpu += parseQuantity(c.usage.cpu) ?? 0;
        mem += parseQuantity(c.usage.memory) ?? 0;
      }
    }
    return {
      kind: 'NodeMetrics',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: {
        name: node.metadata.name,
        labels: node.metadata.labels,
        creationTimestamp: new Date(now).toISOString().replace(/\.\d+Z$/, 'Z'),
      },
      timestamp: new Date(now - 5000).toISOString().replace(/\.\d+Z$/, 'Z'),
      window: '20.05s',
      usage: {
        cpu: `${Math.round(cpu * 1e9)}n`,
        memory: `${Math.round(mem / 1024)}Ki`,
      },
    };
  });
}
