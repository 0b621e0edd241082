import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ConformanceStore,
  StoredReport,
  workloadKey,
} from '../database/ConformanceStore';
import { AffectedEntities } from './AffectedEntities';
import {
  ConformanceEvaluator,
  hasKubernetesWorkloads,
} from './ConformanceEvaluator';

/**
 * The entities waiting to be judged, and the one worker that judges them in the background, one
 * at a time: a cluster or catalog change queues only the entities it concerns, and a burst of
 * changes to one entity is judged once. Nothing is judged before `start` (after readiness).
 */
export class JudgingQueue {
  private readonly queued = new Set<string>();
  private draining?: Promise<void>;
  private started = false;
  private stopped = false;
  private evaluationCount = 0;
  /** Taken from the queue and not judged yet: the batch being worked through. */
  private readonly judging = new Set<string>();

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      evaluator: ConformanceEvaluator;
      store: ConformanceStore;
      logger: LoggerService;
      affected: AffectedEntities;
      /** Awaited before the first judgement: what the evaluator reads from (the watches' lists). */
      ready?: () => Promise<void>;
      /** Entities read from the catalog in one request. */
      batchSize?: number;
    },
  ) {}

  /** How many times an entity was judged since start: what tests and logs count. */
  get evaluations(): number {
    return this.evaluationCount;
  }

  get size(): number {
    return this.queued.size;
  }

  /** Queued, or being judged right now. */
  has(entityRef: string): boolean {
    return this.queued.has(entityRef) || this.judging.has(entityRef);
  }

  /** Returns how many of them were not queued already. */
  enqueue(entityRefs: Iterable<string>): number {
    let added = 0;
    for (const ref of entityRefs) {
      if (this.queued.has(ref)) continue;
      this.queued.add(ref);
      added++;
    }
    this.kick();
    return added;
  }

  start(): void {
    this.started = true;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.draining;
  }

  /** Resolves once nothing is queued or being judged. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /**
   * Judges one entity now (the Refresh button, the card of an entity not judged yet), with the
   * evaluator given (a request's shorter time limit) or the worker's.
   */
  async judge(
    entity: Entity,
    evaluator: ConformanceEvaluator = this.deps.evaluator,
  ): Promise<StoredReport> {
    const entityRef = stringifyEntityRef(entity);
    this.queued.delete(entityRef);
    const stored = await evaluator.evaluate(entity);
    await this.store([stored]);
    return stored;
  }

  private async store(reports: StoredReport[]) {
    await this.deps.store.upsertReports(reports);
    this.evaluationCount += reports.length;
    for (const stored of reports) {
      this.deps.affected.setJudged({
        entityRef: stored.entityRef,
        entityEtag: stored.entityEtag,
        workloadKeys: stored.report.workloads.map(w => workloadKey(w.workload)),
      });
    }
  }

  private kick() {
    if (!this.started || this.stopped || this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.queued.size > 0) this.kick();
    });
  }

  private async drain() {
    await this.deps.ready?.();
    const batchSize = this.deps.batchSize ?? 100;
    while (this.queued.size > 0 && !this.stopped) {
      // One catalog read per batch: at 5,000 new entities, 50 requests instead of 5,000.
      const batch = [...this.queued].slice(0, batchSize);
      for (const ref of batch) {
        this.queued.delete(ref);
        this.judging.add(ref);
      }
      try {
        const { items } = await this.deps.catalog.getEntitiesByRefs(
          { entityRefs: batch },
          { credentials: await this.deps.auth.getOwnServiceCredentials() },
        );
        // Judged one by one, stored together: one statement per batch, not one per entity.
        const reports: StoredReport[] = [];
        const gone: string[] = [];
        for (let i = 0; i < batch.length && !this.stopped; i++) {
          const entity = items[i];
          if (!entity || !hasKubernetesWorkloads(entity)) {
            gone.push(batch[i]);
            // Gone from the catalog, or no longer has workloads: its report would be stale.
            if (entity) this.deps.affected.forgetEntity(batch[i]);
            continue;
          }
          try {
            reports.push(await this.deps.evaluator.evaluate(entity));
          } catch (e) {
            // Judged again on its next change or by the reconciliation; the others go on.
            this.deps.logger.warn(
              `Conformance of ${batch[i]} not judged: ${(e as Error).message}`,
            );
          }
        }
        if (gone.length > 0) {
          await this.deps.store.deleteReports(gone);
          for (const ref of gone) this.deps.affected.forgetJudged(ref);
        }
        await this.store(reports);
      } catch (e) {
        // Judged again on their next change or by the reconciliation; the queue goes on.
        this.deps.logger.warn(
          `Conformance of ${batch.length} entities not judged: ${
            (e as Error).message
          }`,
        );
      } finally {
        this.judging.clear();
      }
    }
  }
}
