import {
  KubeObject,
  WorkloadContext,
} from '@internal/plugin-conformance-common';
import { KUBERNETES_ID_ANNOTATION } from './ConformanceEvaluator';

/** Where a namespace object goes in a `WorkloadContext`. */
const NAMESPACE_FIELDS: Record<string, keyof WorkloadContext['namespace']> = {
  HorizontalPodAutoscaler: 'horizontalPodAutoscalers',
  PodDisruptionBudget: 'podDisruptionBudgets',
  NetworkPolicy: 'networkPolicies',
};

interface Entry {
  namespace: string;
  labels: Record<string, string>;
  /** The object as the checks read it, kept as JSON: a string is a fraction of a parsed object. */
  json: string;
}

interface ClusterObjects {
  workloads: Map<string, Entry & { kind: string }>;
  byKubernetesId: Map<string, Set<string>>;
  namespaceObjects: Map<string, Map<string, Entry & { kind: string }>>;
  listed: Set<string>;
  /** Why a kind could not be listed, until it is listed again. */
  failures: Map<string, string>;
}

/** What one cluster can answer for an entity right now. */
export type ClusterAnswer =
  | { state: 'ready' }
  | { state: 'pending' }
  | { state: 'failed'; error: string };

/**
 * The objects conformance judges, as the watches last saw them, cluster by cluster: top-level
 * workloads (indexed by their `backstage.io/kubernetes-id` label) and the namespace objects the
 * checks read (HPAs, PDBs, network policies). Only what the checks read is kept (labels,
 * annotations, spec), never status, so status updates cost nothing and 5,000 Deployments take a
 * few megabytes. A cluster answers once each watched kind was listed in it; a kind whose list
 * fails makes the cluster answer with that error until it is listed again.
 */
export class WorkloadCache {
  private readonly clusters = new Map<string, ClusterObjects>();
  private waiters: (() => void)[] = [];

  constructor(private readonly kinds: string[]) {}

  /** Registers a cluster the watches will fill. */
  addCluster(cluster: string): void {
    if (this.clusters.has(cluster)) return;
    this.clusters.set(cluster, {
      workloads: new Map(),
      byKubernetesId: new Map(),
      namespaceObjects: new Map(),
      listed: new Set(),
      failures: new Map(),
    });
  }

  clusterNames(): string[] {
    return [...this.clusters.keys()];
  }

  answer(cluster: string): ClusterAnswer {
    const objects = this.clusters.get(cluster);
    if (!objects) return { state: 'pending' };
    const failure = objects.failures.values().next().value;
    if (failure !== undefined) return { state: 'failed', error: failure };
    return objects.listed.size === this.kinds.length
      ? { state: 'ready' }
      : { state: 'pending' };
  }

  listed(cluster: string, kind: string): void {
    const objects = this.clusters.get(cluster);
    objects?.listed.add(kind);
    objects?.failures.delete(kind);
    this.wake();
  }

  failed(cluster: string, kind: string, message: string): void {
    this.clusters.get(cluster)?.failures.set(kind, message);
    this.wake();
  }

  /**
   * Resolves once every cluster answers (listed, or failed with an error), or after `timeoutMs`:
   * judging waits for the first lists rather than asking the kubernetes backend meanwhile.
   */
  answering(timeoutMs: number): Promise<void> {
    if (this.allAnswer()) return Promise.resolve();
    return new Promise(resolve => {
      const timer = setTimeout(done, timeoutMs);
      // Waiting must not keep a stopping backend alive.
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.push(done);
    });
  }

  private allAnswer(): boolean {
    return this.clusterNames().every(c => this.answer(c).state !== 'pending');
  }

  private wake() {
    if (this.waiters.length > 0 && this.allAnswer()) {
      this.waiters.splice(0).forEach(done => done());
    }
  }

  /** Records a top-level workload or a namespace object, as the API sends it (JSON names). */
  put(cluster: string, kind: string, obj: KubeObject): void {
    const objects = this.clusters.get(cluster);
    if (!objects) return;
    const namespace = obj.metadata.namespace ?? 'default';
    const name = obj.metadata.name;
    this.remove(cluster, kind, namespace, name);
    const labels = obj.metadata.labels ?? {};
    const { annotations, uid } = obj.metadata;
    const slim: KubeObject = {
      metadata: { name, namespace, labels, annotations, uid },
      spec: obj.spec,
    };
    const field = NAMESPACE_FIELDS[kind];
    if (field) {
      const entry = { kind, namespace, labels, json: JSON.stringify(slim) };
      let inNamespace = objects.namespaceObjects.get(namespace);
      if (!inNamespace) {
        objects.namespaceObjects.set(namespace, (inNamespace = new Map()));
      }
      inNamespace.set(`${kind}|${name}`, entry);
      return;
    }
    const id = `${kind}|${namespace}|${name}`;
    objects.workloads.set(id, {
      kind,
      namespace,
      labels,
      // The kubernetes backend's lists carry no kind; the reader sets it, and so does this.
      json: JSON.stringify({ kind, ...slim }),
    });
    const kubernetesId = labels[KUBERNETES_ID_ANNOTATION];
    if (kubernetesId) {
      let ids = objects.byKubernetesId.get(kubernetesId);
      if (!ids) objects.byKubernetesId.set(kubernetesId, (ids = new Set()));
      ids.add(id);
    }
  }

  remove(cluster: string, kind: string, namespace: string, name: string) {
    const objects = this.clusters.get(cluster);
    if (!objects) return;
    if (NAMESPACE_FIELDS[kind]) {
      const inNamespace = objects.namespaceObjects.get(namespace);
      inNamespace?.delete(`${kind}|${name}`);
      if (inNamespace?.size === 0) objects.namespaceObjects.delete(namespace);
      return;
    }
    const id = `${kind}|${namespace}|${name}`;
    const entry = objects.workloads.get(id);
    if (!entry) return;
    objects.workloads.delete(id);
    const kubernetesId = entry.labels[KUBERNETES_ID_ANNOTATION];
    const ids = kubernetesId
      ? objects.byKubernetesId.get(kubernetesId)
      : undefined;
    if (ids?.delete(id) && ids.size === 0) {
      objects.byKubernetesId.delete(kubernetesId);
    }
  }

  /**
   * The workloads of one cluster that an equality selector selects (in one namespace, if given),
   * each with its namespace's objects: what the kubernetes backend and its proxy would answer.
   */
  select(
    cluster: string,
    selector: Record<string, string>,
    options: { namespace?: string; kinds: ReadonlySet<string> },
  ): WorkloadContext[] {
    const objects = this.clusters.get(cluster);
    if (!objects) return [];
    const keys = Object.keys(selector);
    const candidates =
      keys.length === 1 && keys[0] === KUBERNETES_ID_ANNOTATION
        ? [...(objects.byKubernetesId.get(selector[keys[0]]) ?? [])]
        : [...objects.workloads.keys()];
    const namespaces = new Map<string, WorkloadContext['namespace']>();
    const contexts: WorkloadContext[] = [];
    for (const id of candidates.sort()) {
      const entry = objects.workloads.get(id)!;
      if (!options.kinds.has(entry.kind)) continue;
      if (options.namespace && entry.namespace !== options.namespace) continue;
      if (!keys.every(k => entry.labels[k] === selector[k])) continue;
      let namespace = namespaces.get(entry.namespace);
      if (!namespace) {
        namespace = this.namespaceObjects(objects, entry.namespace);
        namespaces.set(entry.namespace, namespace);
      }
      contexts.push({ workload: JSON.parse(entry.json), namespace });
    }
    return contexts;
  }

  private namespaceObjects(
    objects: ClusterObjects,
    namespace: string,
  ): WorkloadContext['namespace'] {
    const result: WorkloadContext['namespace'] = {
      horizontalPodAutoscalers: [],
      podDisruptionBudgets: [],
      networkPolicies: [],
    };
    const entries = [...(objects.namespaceObjects.get(namespace) ?? [])];
    for (const [, entry] of entries.sort(([a], [b]) => a.localeCompare(b))) {
      result[NAMESPACE_FIELDS[entry.kind]].push(JSON.parse(entry.json));
    }
    return result;
  }
}
