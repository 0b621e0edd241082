import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterConnection, KubeApi } from '@internal/portal-node';
import { KubeObject } from '@internal/plugin-conformance-common';
import { AffectedEntities, ObjectLocation } from './AffectedEntities';
import { WorkloadCache } from './WorkloadCache';
import {
  Obj,
  WATCHED,
  WatchedType,
  describeListError,
  fingerprint,
  objectId,
} from './watchedTypes';

const MAX_BACKOFF_MS = 60_000;

/**
 * Watches, in every cluster, the objects conformance is judged from and queues the entities a
 * change concerns. Status-only updates (replica counts, conditions: most of a cluster's event
 * traffic) are skipped by comparing a fingerprint of labels, annotations and spec. A list
 * precedes each watch; the list repeated every `relistMs` (and after a 410) is the safety net
 * for missed events. A cluster that is down is retried with backoff without affecting the others.
 */
export class WorkloadWatcher {
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];
  private readonly fingerprints = new Map<string, string>();
  private changeCount = 0;
  private pendingFirstLists = 0;
  private onSynced: (() => void)[] = [];

  constructor(
    private readonly deps: {
      clusters: ClusterConnection[];
      affected: AffectedEntities;
      onAffected: (entityRefs: Set<string>) => void;
      logger: LoggerService;
      relistMs?: number;
      /** Filled with what the checks read, so entities are judged without a request. */
      cache?: WorkloadCache;
    },
  ) {
    for (const cluster of deps.clusters) deps.cache?.addCluster(cluster.name);
    // Counted from the start, so `synced()` before `start()` waits for the lists too.
    this.pendingFirstLists = deps.clusters.length * WATCHED.length;
  }

  /** Changes seen (not counting the objects of a first list). */
  get changes(): number {
    return this.changeCount;
  }

  start(): void {
    this.loops.push(this.runAll());
  }

  private async runAll() {
    const runs: Promise<void>[] = [];
    for (const cluster of this.deps.clusters) {
      if (this.abort.signal.aborted) break;
      let api: KubeApi;
      try {
        api = new KubeApi(cluster);
      } catch (e) {
        // An unreadable caFile: the other clusters are still watched, and this one is not
        // waited for.
        this.deps.logger.warn(`Conformance watch: ${(e as Error).message}`);
        for (const type of WATCHED) {
          this.deps.cache?.failed(
            cluster.name,
            type.kind,
            (e as Error).message,
          );
        }
        this.pendingFirstLists -= WATCHED.length;
        if (this.pendingFirstLists === 0) {
          this.onSynced.splice(0).forEach(resolve => resolve());
        }
        continue;
      }
      const watched = api;
      runs.push(
        Promise.allSettled(
          WATCHED.map(type => this.run(cluster.name, watched, type)),
        ).then(() => watched.close()),
      );
    }
    await Promise.allSettled(runs);
  }

  /** Resolves once every watched type was listed once in every cluster. */
  synced(): Promise<void> {
    if (this.pendingFirstLists === 0) return Promise.resolve();
    return new Promise(resolve => this.onSynced.push(resolve));
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled(this.loops);
  }

  private async run(cluster: string, api: KubeApi, type: WatchedType) {
    const { signal } = this.abort;
    const relistMs = this.deps.relistMs ?? 30 * 60_000;
    let backoff = 1000;
    let first = true;
    while (!signal.aborted) {
      let listing = true;
      try {
        let resourceVersion = await this.list(cluster, api, type, first);
        listing = false;
        this.deps.cache?.listed(cluster, type.kind);
        if (first && --this.pendingFirstLists === 0) {
          this.onSynced.splice(0).forEach(resolve => resolve());
        }
        first = false;
        backoff = 1000;
        const relistAt = Date.now() + relistMs;
        while (!signal.aborted && Date.now() < relistAt && resourceVersion) {
          resourceVersion = await this.watchOnce(
            cluster,
            api,
            type,
            resourceVersion,
            Math.max(1, Math.round((relistAt - Date.now()) / 1000)),
          );
        }
      } catch (error) {
        if (signal.aborted) return;
        // A list that fails leaves the cache behind the cluster: its readers get the error. A
        // watch that breaks does not: what it saw is current up to the next list.
        if (listing) {
          this.deps.cache?.failed(cluster, type.kind, describeListError(error));
        }
        this.deps.logger.warn(
          `Conformance watch of ${type.kind} in cluster ${cluster}: ${
            (error as Error).message
          }; retrying in ${backoff / 1000}s`,
        );
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  /** Lists every object of a type page by page; returns the version to watch from. */
  private async list(
    cluster: string,
    api: KubeApi,
    type: WatchedType,
    first: boolean,
  ): Promise<string> {
    const prefix = `${cluster}|${type.kind}|`;
    const present = new Set<string>();
    const { metadata } = await api.list<Obj>(
      type.path,
      {},
      {
        signal: this.abort.signal,
        onPage: items => {
          for (const item of items) {
            present.add(objectId(cluster, type, item));
            // A first list records what is there; reports judged before a restart are caught
            // up by the catalog comparison and the reconciliation.
            this.observe(cluster, type, item, !first);
          }
        },
      },
    );
    for (const id of [...this.fingerprints.keys()]) {
      if (id.startsWith(prefix) && !present.has(id)) {
        this.forget(cluster, type, id);
      }
    }
    return metadata.resourceVersion;
  }

  /** One watch until the server ends it; returns the version to go on from, '' to list again. */
  private async watchOnce(
    cluster: string,
    api: KubeApi,
    type: WatchedType,
    resourceVersion: string,
    timeoutSeconds: number,
  ): Promise<string> {
    let latest = resourceVersion;
    // Usually 410 Gone: the version is too old to watch from; this watch ends, a list follows.
    const gone = new AbortController();
    try {
      await api.watch<Obj>(
        type.path,
        { resourceVersion, allowWatchBookmarks: true, timeoutSeconds },
        ({ type: phase, object }) => {
          if (phase === 'ERROR') {
            gone.abort();
            return;
          }
          latest = object.metadata?.resourceVersion ?? latest;
          if (phase === 'BOOKMARK') return;
          if (phase === 'DELETED') {
            this.forget(cluster, type, objectId(cluster, type, object));
            return;
          }
          this.observe(cluster, type, object, true);
        },
        AbortSignal.any([this.abort.signal, gone.signal]),
      );
    } catch (error) {
      if (gone.signal.aborted && !this.abort.signal.aborted) return '';
      throw error;
    }
    return latest;
  }

  private observe(
    cluster: string,
    type: WatchedType,
    obj: Obj,
    notify: boolean,
  ) {
    const id = objectId(cluster, type, obj);
    // Jobs a CronJob starts, pods of a Deployment: judged through their owner (and one that was
    // adopted since it was seen is no longer judged on its own).
    if (type.workload && obj.metadata?.ownerReferences?.length) {
      this.forget(cluster, type, id);
      return;
    }
    if (obj.metadata?.name) {
      this.deps.cache?.put(cluster, type.kind, obj as KubeObject);
    }
    const print = fingerprint(obj);
    const previous = this.fingerprints.get(id);
    this.fingerprints.set(id, print);
    if (!notify || previous === print) return;
    this.notify(cluster, type, obj);
  }

  private forget(cluster: string, type: WatchedType, id: string) {
    if (!this.fingerprints.delete(id)) return;
    const [, , namespace, name] = id.split('|');
    this.deps.cache?.remove(cluster, type.kind, namespace || 'default', name);
    this.notify(cluster, type, { metadata: { namespace, name } });
  }

  private notify(cluster: string, type: WatchedType, obj: Obj) {
    this.changeCount++;
    const location: ObjectLocation = {
      cluster,
      namespace: obj.metadata?.namespace ?? 'default',
      kind: type.kind,
      name: obj.metadata?.name ?? '',
      labels: obj.metadata?.labels ?? {},
    };
    const refs = type.workload
      ? this.deps.affected.forWorkload(location)
      : this.deps.affected.forNamespaceObject(location);
    if (refs.size > 0) this.deps.onAffected(refs);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
