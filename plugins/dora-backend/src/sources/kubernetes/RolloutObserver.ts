import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { SourceBatch, emptyBatch } from '../types';
import { ClusterTarget, KubeClient, WatchEvent } from './KubeClient';
import {
  KUBERNETES_ID_LABEL,
  KubeObject,
  rolloutDeployment,
} from './rolloutDeployment';

const MAX_BACKOFF_MS = 60_000;

/**
 * Watches the Deployments that carry `backstage.io/kubernetes-id` in every configured cluster
 * and records each finished rollout revision as a deployment through the ingestion path. A list
 * precedes every watch, so revisions finished while the portal was down are recorded on start;
 * records are keyed by uid and revision, so seeing one twice changes nothing. A cluster that is
 * down is retried with exponential backoff and never affects the others.
 */
/** Rollouts recorded per ingest after a list. */
const LIST_BATCH = 500;
/** Unseen Deployments in a list above which the cluster's ReplicaSets are read all at once. */
const BULK_REPLICASET_READ = 20;

interface Rollout {
  key: string;
  record: Record<string, unknown>;
  what: string;
}

export class RolloutObserver {
  private readonly abort = new AbortController();
  private readonly recorded = new Set<string>();
  /** Finished rollouts whose kubernetes-id no catalog entity has yet, by uid:revision. */
  private readonly pending = new Map<string, Record<string, unknown>>();
  private retryTimer?: NodeJS.Timeout;
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly deps: {
      clusters: ClusterTarget[];
      ingest: (batch: SourceBatch) => Promise<unknown>;
      logger: LoggerService;
      relistSeconds?: number;
      /**
       * How long one watch lasts before the server ends it (default 300 s); the observer then
       * watches again from the last version it saw, until the next re-list.
       */
      watchSeconds?: number;
      retryPendingMs?: number;
      /**
       * Which of these kubernetes-ids some catalog entity claims now, in one catalog read. Pending
       * rollouts are retried only once their id is claimed: at thousands of Deployments, retrying
       * each one would ask the catalog once per Deployment every interval.
       */
      claimedIds?: (ids: string[]) => Promise<Set<string>>;
    },
  ) {}

  private get relistSeconds() {
    return this.deps.relistSeconds ?? 1800;
  }

  start() {
    this.deps.logger.info(
      `DORA rollout observer: watching ${
        this.deps.clusters.map(c => c.name).join(', ') || 'no clusters'
      }`,
    );
    for (const target of this.deps.clusters) {
      this.loops.push(this.run(target));
    }
    this.retryTimer = setInterval(
      () => this.retryPending().catch(() => {}),
      this.deps.retryPendingMs ?? 30_000,
    );
    this.retryTimer.unref();
  }

  async stop() {
    clearInterval(this.retryTimer);
    this.abort.abort();
    await Promise.allSettled(this.loops);
  }

  private async run(target: ClusterTarget) {
    const { signal } = this.abort;
    let backoff = 1000;
    while (!signal.aborted) {
      let client: KubeClient | undefined;
      try {
        // One per round: it reads the cluster's CA file, so a rotated file is picked up and an
        // unreadable one is logged and retried like a cluster that is down.
        client = new KubeClient(target);
        const list = await client.listDeployments(KUBERNETES_ID_LABEL, signal);
        const unseen = list.items.filter(d => this.unseen(d));
        // A first list finds every Deployment unseen: one read of the cluster's ReplicaSets
        // instead of one read per Deployment (5,000 at a scale start).
        const owned =
          unseen.length > BULK_REPLICASET_READ
            ? await this.replicaSetsByOwner(client, signal)
            : undefined;
        const found: Rollout[] = [];
        for (const deployment of unseen) {
          const rollout = await this.rolloutOf(
            client,
            target,
            deployment,
            owned,
          );
          if (rollout) found.push(rollout);
        }
        await this.recordFound(target, found);
        backoff = 1000;
        const watching = client;
        // Watched from the list's version, then from the last version a watch saw each time the
        // server ends one, until the re-list is due: a re-list at 5,000 Deployments reads every
        // one of them whole to find what the watch already told. An expired version (410) ends
        // the watch with an error, and the loop lists again.
        const relistAt = Date.now() + this.relistSeconds * 1000;
        const latest = { resourceVersion: list.metadata.resourceVersion };
        while (!signal.aborted && Date.now() < relistAt) {
          await client.watchDeployments(
            {
              labelSelector: KUBERNETES_ID_LABEL,
              resourceVersion: latest.resourceVersion,
              timeoutSeconds: Math.max(
                1,
                Math.min(
                  this.deps.watchSeconds ?? 300,
                  Math.round((relistAt - Date.now()) / 1000),
                ),
              ),
            },
            async event => {
              await this.onEvent(watching, target, event);
              latest.resourceVersion =
                event.object.metadata?.resourceVersion ??
                latest.resourceVersion;
            },
            signal,
          );
        }
      } catch (error) {
        if (signal.aborted) return;
        this.deps.logger.warn(
          `DORA rollout observer: cluster ${target.name}: ${
            (error as Error).message
          }; retrying in ${backoff / 1000}s`,
        );
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      } finally {
        client?.close();
      }
    }
  }

  /** A Deployment whose current revision is neither recorded nor waiting for its entity. */
  private unseen(deployment: KubeObject): boolean {
    const revision =
      deployment.metadata.annotations?.['deployment.kubernetes.io/revision'];
    const key = `${deployment.metadata.uid}:${revision}`;
    return !!revision && !this.recorded.has(key) && !this.pending.has(key);
  }

  /**
   * The cluster's ReplicaSets that a Deployment owns, by the owner's uid, keeping of each only
   * what a rollout is judged from (the revision annotations, creation time and owners).
   */
  private async replicaSetsByOwner(
    client: KubeClient,
    signal: AbortSignal,
  ): Promise<Map<string, KubeObject[]>> {
    const byOwner = new Map<string, KubeObject[]>();
    await client.listAllReplicaSets(signal, page => {
      for (const rs of page) {
        const {
          annotations = {},
          creationTimestamp,
          ownerReferences,
        } = rs.metadata;
        const slim: KubeObject = {
          metadata: {
            creationTimestamp,
            ownerReferences: ownerReferences?.map(o => ({ uid: o.uid })),
            annotations: Object.fromEntries(
              Object.entries(annotations).filter(([k]) =>
                k.startsWith('deployment.kubernetes.io/revision'),
              ),
            ),
          },
        };
        for (const owner of ownerReferences ?? []) {
          const list = byOwner.get(owner.uid);
          if (list) list.push(slim);
          else byOwner.set(owner.uid, [slim]);
        }
      }
    });
    return byOwner;
  }

  private async onEvent(
    client: KubeClient,
    target: ClusterTarget,
    event: WatchEvent<KubeObject>,
  ) {
    if (event.type === 'ERROR') {
      // Typically 410 Gone (resourceVersion too old): end this watch and list again.
      throw new Error(`watch ended: ${JSON.stringify(event.object)}`);
    }
    if (event.type === 'ADDED' || event.type === 'MODIFIED') {
      const rollout = await this.rolloutOf(client, target, event.object);
      // Through the catalog's claim as a list's rollouts go: one whose id no entity has yet
      // waits without being sent to ingest to be refused.
      if (rollout) await this.recordFound(target, [rollout]);
    }
  }

  /** The finished rollout of a Deployment not recorded or pending yet, if there is one. */
  private async rolloutOf(
    client: KubeClient,
    target: ClusterTarget,
    deployment: KubeObject,
    replicaSetsByOwner?: Map<string, KubeObject[]>,
  ): Promise<Rollout | undefined> {
    const { namespace, uid } = deployment.metadata;
    const revision =
      deployment.metadata.annotations?.['deployment.kubernetes.io/revision'];
    const key = `${uid}:${revision}`;
    // A pending revision waits for its entity in retryPending, not in every re-list.
    if (!this.unseen(deployment)) return undefined;
    let replicaSets = replicaSetsByOwner?.get(uid ?? '') ?? [];
    if (!replicaSetsByOwner) {
      const selector = deployment.spec?.selector?.matchLabels ?? {};
      const labelSelector = Object.entries(selector)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      replicaSets = (
        await client.listReplicaSets(
          namespace ?? 'default',
          labelSelector,
          this.abort.signal,
        )
      ).items;
    }
    const record = rolloutDeployment(
      target.name,
      target.environment,
      deployment,
      replicaSets,
    );
    if (!record) return undefined;
    return {
      key,
      record,
      what: `${namespace}/${deployment.metadata.name} in ${target.name}`,
    };
  }

  /**
   * The rollouts a list (or a watch event) found, recorded in batches: which kubernetes-ids the catalog claims is
   * one catalog read per 100 ids, and each batch one ingest, where recording them one by one
   * was a catalog read and an ingest per Deployment (5,000 of each at a cluster's first list).
   * Rollouts whose id no entity claims yet wait in `pending`, said once for the list.
   */
  private async recordFound(target: ClusterTarget, found: Rollout[]) {
    if (found.length === 0) return;
    if (!this.deps.claimedIds) {
      for (const r of found) await this.record(r.key, r.record, r.what);
      return;
    }
    const claimed = await this.deps.claimedIds([
      ...new Set(found.map(r => String(r.record.kubernetesId))),
    ]);
    await this.recordClaimed(
      found.filter(r => claimed.has(String(r.record.kubernetesId))),
    );
    const waiting = found.filter(
      r => !claimed.has(String(r.record.kubernetesId)),
    );
    for (const r of waiting) this.pending.set(r.key, r.record);
    if (waiting.length > 0) {
      const ids = [...new Set(waiting.map(r => String(r.record.kubernetesId)))];
      this.deps.logger.info(
        `DORA rollout observer: ${waiting.length} rollouts in ${
          target.name
        } not recorded yet: no catalog entity has their kubernetes-id (${ids
          .slice(0, 5)
          .join(', ')}${
          ids.length > 5 ? `, and ${ids.length - 5} more` : ''
        }); each is recorded once one does`,
      );
    }
  }

  /** Rollouts whose ids the catalog claims, one ingest per LIST_BATCH. */
  private async recordClaimed(ready: Rollout[]) {
    for (let i = 0; i < ready.length; i += LIST_BATCH) {
      const batch = ready.slice(i, i + LIST_BATCH);
      try {
        await this.deps.ingest({
          ...emptyBatch(),
          deployments: batch.map(r => r.record),
        });
        for (const r of batch) {
          this.recorded.add(r.key);
          this.pending.delete(r.key);
        }
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        // An entity gone between the claim and the ingest fails the whole batch: one by one.
        for (const r of batch) await this.record(r.key, r.record, r.what);
      }
    }
  }

  private async record(
    key: string,
    record: Record<string, unknown>,
    what: string,
  ) {
    try {
      await this.deps.ingest({ ...emptyBatch(), deployments: [record] });
      this.recorded.add(key);
      this.pending.delete(key);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      // No catalog entity has this kubernetes-id yet (the catalog may still be loading, or the
      // entity is registered later): retried every little while; said once.
      if (!this.pending.has(key)) {
        this.deps.logger.info(
          `DORA rollout observer: ${what} not recorded yet: ${error.message}`,
        );
      }
      this.pending.set(key, record);
    }
  }

  private async retryPending() {
    const pending = [...this.pending];
    if (pending.length === 0) return;
    const claimed = this.deps.claimedIds
      ? await this.deps.claimedIds([
          ...new Set(pending.map(([, r]) => String(r.kubernetesId))),
        ])
      : undefined;
    if (!claimed) {
      for (const [key, record] of pending) {
        await this.record(key, record, String(record.id));
      }
      return;
    }
    // While the catalog loads, thousands of waiting rollouts become claimed within minutes:
    // recorded in batches as a list's are, not one catalog read and one ingest each.
    await this.recordClaimed(
      pending
        .filter(([, record]) => claimed.has(String(record.kubernetesId)))
        .map(([key, record]) => ({ key, record, what: String(record.id) })),
    );
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
