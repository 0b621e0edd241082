import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ReportTracking } from '../database/ConformanceStore';
import {
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
} from './ConformanceEvaluator';

/** The cluster object a watch event is about, reduced to what locates its entities. */
export interface ObjectLocation {
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
  labels: Record<string, string>;
}

/**
 * Which entities a changed cluster object concerns. Workloads point at entities through their
 * `backstage.io/kubernetes-id` label or an entity's label selector (what the kubernetes backend
 * matches on), and at the entities that showed them last time (a workload that lost its label);
 * a namespace object (HPA, PDB, network policy) concerns every entity with a workload in that
 * namespace. Kept in memory from the catalog read and the stored reports' tracking columns.
 */
export class AffectedEntities {
  private readonly byKubernetesId = new Map<string, Set<string>>();
  private readonly kubernetesIdOf = new Map<string, string>();
  private readonly selectors = new Map<string, Record<string, string>>();
  private readonly byWorkload = new Map<string, Set<string>>();
  private readonly byNamespace = new Map<string, Set<string>>();
  private readonly keysOf = new Map<string, string[]>();
  /** The etag and uid of every workload entity recorded, as they were when recorded. */
  private readonly versions = new Map<
    string,
    { etag?: string; uid?: string }
  >();
  private compared = false;

  /** Records how a catalog entity selects its workloads (from a field-filtered read). */
  setEntity(entity: Entity): void {
    const ref = stringifyEntityRef(entity);
    this.forgetEntity(ref);
    this.versions.set(ref, {
      etag: entity.metadata.etag,
      uid: entity.metadata.uid,
    });
    const annotations = entity.metadata.annotations ?? {};
    const id = annotations[KUBERNETES_ID_ANNOTATION];
    if (id) {
      add(this.byKubernetesId, id, ref);
      this.kubernetesIdOf.set(ref, id);
    }
    const selector = annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION];
    if (selector) {
      const parsed = parseEqualitySelector(selector);
      if (parsed) this.selectors.set(ref, parsed);
    }
  }

  forgetEntity(ref: string): void {
    // By the entity's own id: a scan of every id per entity is quadratic at 10,000 entities.
    const id = this.kubernetesIdOf.get(ref);
    if (id !== undefined) remove(this.byKubernetesId, id, ref);
    this.kubernetesIdOf.delete(ref);
    this.selectors.delete(ref);
    this.versions.delete(ref);
  }

  /**
   * Whether the entity is recorded as of this etag: its annotations, and so how it selects its
   * workloads, are those of that version. An entity without an etag is never held.
   */
  holds(ref: string, etag: string | undefined): boolean {
    return etag !== undefined && this.versions.get(ref)?.etag === etag;
  }

  /** Refs of every workload entity recorded. */
  entityRefs(): string[] {
    return [...this.versions.keys()];
  }

  /** Uids of every workload entity recorded (those the catalog gave one). */
  entityUids(): Set<string> {
    const uids = new Set<string>();
    for (const { uid } of this.versions.values()) if (uid) uids.add(uid);
    return uids;
  }

  /** Called by a catalog comparison that recorded every workload entity the catalog has. */
  markCompared(): void {
    this.compared = true;
  }

  /** Whether a whole catalog comparison has recorded the workload entities since start. */
  get hasCompared(): boolean {
    return this.compared;
  }

  /** Records the workloads an entity's latest report judged. */
  setJudged(tracking: ReportTracking): void {
    const ref = tracking.entityRef;
    const previous = this.keysOf.get(ref);
    // Every comparison repeats every report's keys: unchanged, there is nothing to move.
    if (previous && sameKeys(previous, tracking.workloadKeys)) return;
    for (const key of previous ?? []) {
      remove(this.byWorkload, key, ref);
      remove(this.byNamespace, namespaceOf(key), ref);
    }
    this.keysOf.set(ref, tracking.workloadKeys);
    for (const key of tracking.workloadKeys) {
      add(this.byWorkload, key, ref);
      add(this.byNamespace, namespaceOf(key), ref);
    }
  }

  forgetJudged(ref: string): void {
    this.setJudged({ entityRef: ref, workloadKeys: [] });
    this.keysOf.delete(ref);
  }

  /** Entities whose report a change of this workload may change. */
  forWorkload(object: ObjectLocation): Set<string> {
    const result = new Set<string>(
      this.byWorkload.get(
        `${object.cluster}/${object.namespace}/${object.kind}/${object.name}`,
      ) ?? [],
    );
    const id = object.labels[KUBERNETES_ID_ANNOTATION];
    for (const ref of (id && this.byKubernetesId.get(id)) || []) {
      result.add(ref);
    }
    for (const [ref, selector] of this.selectors) {
      if (matches(selector, object.labels)) result.add(ref);
    }
    return result;
  }

  /** Entities with a workload in the namespace of this object. */
  forNamespaceObject(object: ObjectLocation): Set<string> {
    return new Set(
      this.byNamespace.get(`${object.cluster}/${object.namespace}`) ?? [],
    );
  }
}

function sameKeys(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

function namespaceOf(workloadKey: string): string {
  const [cluster, namespace] = workloadKey.split('/');
  return `${cluster}/${namespace}`;
}

function add(map: Map<string, Set<string>>, key: string, ref: string) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(ref);
}

function remove(map: Map<string, Set<string>>, key: string, ref: string) {
  const set = map.get(key);
  if (set?.delete(ref) && set.size === 0) map.delete(key);
}

/**
 * `a=b,c=d` (the form the catalog annotation takes in practice). A selector with set-based terms
 * returns undefined: such an entity is found by its previous workloads and by reconciliation.
 */
export function parseEqualitySelector(
  selector: string,
): Record<string, string> | undefined {
  const result: Record<string, string> = {};
  for (const term of selector.split(',').map(t => t.trim())) {
    const match = /^([^=!\s]+)\s*==?\s*([^=!\s]*)$/.exec(term);
    if (!match) return undefined;
    result[match[1]] = match[2];
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

function matches(
  selector: Record<string, string>,
  labels: Record<string, string>,
): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
