/**
 * In-memory object store. It owns the cluster-wide resourceVersion counter and
 * an event history so watches can resume from any recent resourceVersion, the
 * way etcd-backed watches do.
 */
import { randomUUID } from 'node:crypto';
import { ResourceType } from '../resources';
import { errors } from '../server/errors';
import { KubeObject, StoreEvent, WatchEventType } from './types';
import { deepEqual } from './util';

export function typeKeyOf(rt: ResourceType): string {
  return `${rt.group}/${rt.resource}`;
}

function objKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** Where `key` is or would go in `keys`, which are in byte order (the order etcd keeps). */
function lowerBound(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One page of a list: the objects a filter keeps after a key, at most a limit. */
export interface ListPage {
  items: KubeObject[];
  /** How many more objects the filter keeps after the page. */
  remaining: number;
  /** The key of the page's last object, where the next page starts. */
  lastKey?: string;
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

/** Everything other than metadata and status counts as "spec" for generation. */
function specOf(obj: KubeObject): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...obj };
  for (const k of ['metadata', 'status', 'apiVersion', 'kind']) delete rest[k];
  return rest;
}

type Listener = (event: StoreEvent) => void;

export class ObjectStore {
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  /**
   * Each type's keys in byte order, kept as objects come and go: a page, or one namespace's
   * objects, is read from its place in the order without sorting or visiting the rest.
   */
  private readonly order = new Map<string, string[]>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<Listener>();
  private rv = 1000;
  /** Oldest resourceVersion still replayable from history. */
  private compactedRv = 1000;

  constructor(private readonly historyLimit = 20000) {}

  currentResourceVersion(): string {
    return String(this.rv);
  }

  private bucket(typeKey: string): Map<string, KubeObject> {
    let b = this.objects.get(typeKey);
    if (!b) {
      b = new Map();
      this.objects.set(typeKey, b);
    }
    return b;
  }

  get(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const o = this.bucket(typeKeyOf(rt)).get(
      objKey(rt.namespaced ? namespace : undefined, name),
    );
    return o ? clone(o) : undefined;
  }

  mustGet(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject {
    const o = this.get(rt, namespace, name);
    if (!o) throw errors.notFound(rt, name);
    return o;
  }

  private keysOf(typeKey: string): string[] {
    let keys = this.order.get(typeKey);
    if (!keys) {
      keys = [];
      this.order.set(typeKey, keys);
    }
    return keys;
  }

  /** Sorted by namespace then name so pagination is stable. */
  list(rt: ResourceType, namespace?: string): KubeObject[] {
    return this.listPage(rt, { namespace }).items;
  }

  /**
   * The objects of a type in key order that `filter` keeps, after the key `after`, at most
   * `limit` of them. Only the page is copied: a page of 500 of 5,000 Deployments costs a tenth
   * of the whole list, as with the real server.
   */
  listPage(
    rt: ResourceType,
    options: {
      namespace?: string;
      filter?: (obj: KubeObject) => boolean;
      after?: string;
      limit?: number;
    },
  ): ListPage {
    const { namespace, filter, after, limit } = options;
    const typeKey = typeKeyOf(rt);
    const keys = this.keysOf(typeKey);
    const bucket = this.bucket(typeKey);
    // Keys are "namespace/name": one namespace's objects are one run of the order.
    const prefix = namespace && rt.namespaced ? `${namespace}/` : '';
    let i = lowerBound(keys, prefix);
    if (after !== undefined) {
      const next = lowerBound(keys, after);
      i = Math.max(i, keys[next] === after ? next + 1 : next);
    }
    const page: KubeObject[] = [];
    let remaining = 0;
    let lastKey: string | undefined;
    for (; i < keys.length; i++) {
      const key = keys[i];
      if (prefix && !key.startsWith(prefix)) break;
      const obj = bucket.get(key)!;
      if (filter && !filter(obj)) continue;
      if (limit && page.length >= limit) {
        remaining++;
      } else {
        page.push(obj);
        lastKey = key;
      }
    }
    return { items: page.map(clone), remaining, lastKey };
  }

  /** With `dryRun` the object is checked and completed as it would be, but not stored. */
  create(rt: ResourceType, input: KubeObject, dryRun = false): KubeObject {
    const obj = clone(input);
    const meta = obj.metadata;
    if (!rt.namespaced) delete meta.namespace;
    if (!meta.name && meta.generateName) {
      meta.name = meta.generateName + randomSuffix(5);
    }
    const key = objKey(meta.namespace, meta.name!);
    const bucket = this.bucket(typeKeyOf(rt));
    if (bucket.has(key)) throw errors.alreadyExists(rt, meta.name!);
    meta.uid = randomUUID();
    meta.creationTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    delete meta.deletionTimestamp;
    if (hasSpecLikeContent(obj)) meta.generation = 1;
    // A dry-run create answers without a resourceVersion, as the real server does.
    if (dryRun) return obj;
    meta.resourceVersion = String(++this.rv);
    bucket.set(key, obj);
    const keys = this.keysOf(typeKeyOf(rt));
    keys.splice(lowerBound(keys, key), 0, key);
    this.emit('ADDED', rt, obj);
    return clone(obj);
  }

  /**
   * Replaces an object. A non-empty metadata.resourceVersion must match the
   * stored one (optimistic concurrency); identity fields are never taken from
   * the caller.
   */
  update(rt: ResourceType, input: KubeObject, dryRun = false): KubeObject {
    const obj = clone(input);
    const meta = obj.metadata;
    if (!rt.namespaced) delete meta.namespace;
    const key = objKey(meta.namespace, meta.name!);
    const bucket = this.bucket(typeKeyOf(rt));
    const existing = bucket.get(key);
    if (!existing) throw errors.notFound(rt, meta.name!);
    if (
      meta.resourceVersion &&
      meta.resourceVersion !== existing.metadata.resourceVersion
    ) {
      throw errors.conflict(rt, meta.name!);
    }
    meta.uid = existing.metadata.uid;
    meta.creationTimestamp = existing.metadata.creationTimestamp;
    if (existing.metadata.generation !== undefined || hasSpecLikeContent(obj)) {
      const gen = existing.metadata.generation ?? 1;
      meta.generation = deepEqual(specOf(existing), specOf(obj))
        ? gen
        : gen + 1;
    }
    // A no-op write keeps its resourceVersion and sends no watch event, like the real server.
    meta.resourceVersion = existing.metadata.resourceVersion;
    if (deepEqual(existing, obj)) return clone(existing);
    if (dryRun) return obj;
    meta.resourceVersion = String(++this.rv);
    bucket.set(key, obj);
    this.emit('MODIFIED', rt, obj, existing);
    return clone(obj);
  }

  delete(
    rt: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject {
    const key = objKey(rt.namespaced ? namespace : undefined, name);
    const bucket = this.bucket(typeKeyOf(rt));
    const existing = bucket.get(key);
    if (!existing) throw errors.notFound(rt, name);
    bucket.delete(key);
    const keys = this.keysOf(typeKeyOf(rt));
    keys.splice(lowerBound(keys, key), 1);
    // The DELETED event carries a fresh resourceVersion so watchers can resume after it.
    existing.metadata.resourceVersion = String(++this.rv);
    this.emit('DELETED', rt, existing);
    return clone(existing);
  }

  /** Every event after `resourceVersion`, or undefined if history no longer reaches back that far. */
  eventsSince(
    typeKey: string,
    resourceVersion: number,
  ): StoreEvent[] | undefined {
    if (resourceVersion < this.compactedRv) return undefined;
    return this.history.filter(
      e => e.typeKey === typeKey && e.resourceVersion > resourceVersion,
    );
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(
    type: WatchEventType,
    rt: ResourceType,
    obj: KubeObject,
    previous?: KubeObject,
  ) {
    const event: StoreEvent = {
      type,
      typeKey: typeKeyOf(rt),
      object: clone(obj),
      previous: previous ? clone(previous) : undefined,
      resourceVersion: this.rv,
    };
    this.history.push(event);
    if (this.history.length > this.historyLimit) {
      const dropped = this.history.splice(
        0,
        this.history.length - this.historyLimit,
      );
      this.compactedRv = dropped[dropped.length - 1].resourceVersion;
    }
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch {
        // A misbehaving watcher must not break writes for everyone else.
      }
    }
  }
}

function hasSpecLikeContent(obj: KubeObject): boolean {
  return obj.spec !== undefined;
}

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';
/** Same alphabet as apimachinery's rand.String, so names look like real generated ones. */
export function randomSuffix(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++)
    s += SAFE[Math.floor(Math.random() * SAFE.length)];
  return s;
}
