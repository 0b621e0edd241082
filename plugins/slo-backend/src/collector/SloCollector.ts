import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  Slo,
  WindowedQueries,
  counterSelectors,
  windowedQueries,
} from '@internal/plugin-slo-common';
import { CollectionState, SloRollupStore } from '../database/SloRollupStore';
import { PrometheusClient } from './PrometheusClient';
import { Results, Target, edgeQueries, toBuckets } from './toBuckets';
import {
  EXPR_LABEL,
  PlannedRequest,
  planCollection,
  planPass,
  unionQuery,
} from './planCollection';

export interface SloCollectorOptions {
  client: PrometheusClient;
  store: SloRollupStore;
  logger: LoggerService;
  /** How far back the first collection of an SLO reaches. */
  maxBackfillSeconds: number;
  exprsPerRequest?: number;
  /** Buckets end this long before a collection's `now`, so late scrapes are in (default 60). */
  lagSeconds?: number;
  /** Attempts per request before the cycle gives up on it (default 4). */
  attempts?: number;
  /** First retry delay; doubles each attempt (default 1000). */
  retryDelayMs?: number;
  maxBucketsPerRequest?: number;
  /**
   * How far before a cycle's first bucket counter values are read (default 6h): a counter
   * whose scrapes stopped for up to this long before the cycle still has its increments
   * across the gap counted.
   */
  counterLookbackSeconds?: number;
  /**
   * The most buckets one pass collects, across its SLOs (default 50,000): what a pass holds of
   * Prometheus' answers and writes in its one transaction is bounded by it, however many SLOs
   * are new or how far back they reach. A longer backfill takes several passes.
   */
  maxBucketsPerPass?: number;
  /**
   * A cycle starts another pass while less than this has passed since it began (default
   * 120,000): SLOs still behind then continue from where they are in the next cycle.
   */
  cycleBudgetMs?: number;
  /** The clock the budget is measured on (default Date.now). */
  clock?: () => number;
}

/** What one cycle did. */
export interface CollectionReport {
  requests: number;
  collected: string[];
  failed: Array<{ sloId: string; error: string }>;
  bucketsWritten: number;
  /** Passes run; each wrote its buckets and the states of its SLOs in one transaction. */
  passes: number;
  /** SLOs still behind when the cycle's budget ran out; the next cycle continues them. */
  behind: string[];
}

const DEFAULT_COUNTER_LOOKBACK = 6 * 3600;
const DEFAULT_MAX_BUCKETS_PER_PASS = 50_000;
const DEFAULT_CYCLE_BUDGET_MS = 120_000;

/**
 * Collects 5-minute good/total rollups from Prometheus into the store. Each SLO resumes after
 * its last collected bucket; a failed cycle leaves that mark where it was and flags the SLO
 * stale, so the next successful cycle fills the gap and nothing is lost.
 *
 * SLOs whose queries sum counters are read as each counter series' newest, largest and
 * smallest value at every bucket edge (from `counterLookbackSeconds` before the first bucket, so a series
 * silent across a scrape gap is differenced against its value before it) and differenced per
 * series with restarts handled ({@link edgeIncrements}): the events of a window are what
 * Prometheus' `increase()` counts over it. Other queries are evaluated over each bucket.
 *
 * A cycle runs in passes of at most `maxBucketsPerPass` buckets ({@link planPass}), each
 * written in one transaction before the next starts, for as long as `cycleBudgetMs` allows;
 * a pass ends where the next (or the next cycle) resumes, exactly like two cycles would.
 */
export class SloCollector {
  constructor(private readonly options: SloCollectorOptions) {}

  async collect(slos: Slo[], now: number): Promise<CollectionReport> {
    const { store, client } = this.options;
    const bucket = store.bucketSeconds;
    const sent = client.requestCount;
    const to =
      Math.floor((now - (this.options.lagSeconds ?? 60)) / bucket) * bucket;
    const earliest =
      Math.floor((to - this.options.maxBackfillSeconds) / bucket) * bucket;
    const states = await store.getCollectionStates(slos.map(s => s.id));
    // Only SLOs the collector has never recorded need their newest stored bucket.
    const stored = await store.lastBuckets(
      slos
        .filter(s => states.get(s.id)?.lastBucket === undefined)
        .map(s => s.id),
    );
    const report: CollectionReport = {
      requests: 0,
      collected: [],
      failed: [],
      bucketsWritten: 0,
      passes: 0,
      behind: [],
    };
    const failedStates: CollectionState[] = [];

    const targets: Target[] = [];
    const edgeExprs = new Set<string>();
    for (const slo of slos) {
      const state = states.get(slo.id);
      const last = state?.lastBucket ?? stored.get(slo.id);
      const from = Math.max(
        earliest,
        last === undefined ? earliest : last + bucket,
      );
      const counters = counterSelectors(slo.indicator);
      if (counters) {
        const exprs = [counters.good, counters.bad, counters.total]
          .filter((q): q is string => Boolean(q))
          .flatMap(q => Object.values(edgeQueries(q, bucket)));
        exprs.forEach(e => edgeExprs.add(e));
        targets.push({ sloId: slo.id, exprs, from, counters });
        continue;
      }
      let queries: WindowedQueries;
      try {
        queries = windowedQueries(slo.indicator, `${bucket}s`);
      } catch (e) {
        this.fail(slo.id, state, (e as Error).message, report, failedStates);
        continue;
      }
      const exprs = [
        queries.good,
        queries.bad,
        queries.total,
        queries.errorRatio,
      ].filter((q): q is string => Boolean(q));
      targets.push({ sloId: slo.id, exprs, from, queries });
    }

    const lookback =
      Math.ceil(
        (this.options.counterLookbackSeconds ?? DEFAULT_COUNTER_LOOKBACK) /
          bucket,
      ) * bucket;
    const clock = this.options.clock ?? Date.now;
    const started = clock();
    const budgetMs = this.options.cycleBudgetMs ?? DEFAULT_CYCLE_BUDGET_MS;
    const failed = () => new Set(report.failed.map(f => f.sloId));
    let pending = targets.filter(t => t.from < to);
    let pendingStates = failedStates;
    // At least one pass; further ones while the budget lasts. SLOs that failed in this cycle
    // are not asked again until the next one.
    while (
      pending.length > 0 &&
      (report.passes === 0 || clock() - started < budgetMs)
    ) {
      const ends = planPass(pending, {
        to,
        bucketSeconds: bucket,
        maxBuckets:
          this.options.maxBucketsPerPass ?? DEFAULT_MAX_BUCKETS_PER_PASS,
      });
      const ended = await this.runPass(
        pending
          .filter(t => ends.has(t.sloId))
          .map(t => ({ ...t, to: ends.get(t.sloId)! })),
        { bucket, lookback, edgeExprs, now, states, report, pendingStates },
      );
      pendingStates = [];
      for (const target of pending) {
        target.from = ended.get(target.sloId) ?? target.from;
      }
      const gaveUp = failed();
      pending = pending.filter(t => t.from < to && !gaveUp.has(t.sloId));
    }
    if (pendingStates.length > 0) {
      // Failures of SLOs whose queries could not be built, in a cycle with nothing to collect.
      await store.saveCollection({ buckets: [], states: pendingStates });
    }
    const gaveUp = failed();
    report.collected = targets
      .filter(t => t.from >= to && !gaveUp.has(t.sloId))
      .map(t => t.sloId);
    report.behind = pending.map(t => t.sloId);
    report.requests = client.requestCount - sent;
    return report;
  }

  /**
   * Collects one pass's SLOs over their ranges and writes their buckets and states in one
   * transaction (with `pendingStates`); returns where each SLO that succeeded resumes.
   */
  private async runPass(
    pass: Array<Target & { to: number }>,
    ctx: {
      bucket: number;
      lookback: number;
      edgeExprs: Set<string>;
      now: number;
      states: Map<string, CollectionState>;
      report: CollectionReport;
      pendingStates: CollectionState[];
    },
  ): Promise<Map<string, number>> {
    const { bucket, report } = ctx;
    const writes: Parameters<SloRollupStore['saveCollection']>[0] = {
      buckets: [],
      states: ctx.pendingStates,
    };
    const passTo = Math.max(...pass.map(t => t.to));
    const plan = planCollection(pass, {
      to: passTo,
      bucketSeconds: bucket,
      exprsPerRequest: this.options.exprsPerRequest ?? 50,
      // The lookback's edges count against Prometheus' 11,000 points per series too.
      maxBucketsPerRequest:
        (this.options.maxBucketsPerRequest ?? 10_800) - ctx.lookback / bucket,
    });
    // Held only for this pass: its size is bounded by the pass's buckets.
    const results: Results = new Map();
    const errors = new Map<string, string>();
    for (const request of plan) {
      const reach = request.exprs.some(e => ctx.edgeExprs.has(e))
        ? ctx.lookback
        : 0;
      await this.run(request, bucket, reach, results, errors);
    }

    const ended = new Map<string, number>();
    for (const target of pass) {
      const error = target.exprs.map(e => errors.get(e)).find(Boolean);
      if (error) {
        this.fail(
          target.sloId,
          ctx.states.get(target.sloId),
          error,
          report,
          writes.states,
        );
        continue;
      }
      const buckets = toBuckets(target, results, target.to, bucket);
      writes.buckets.push({ sloId: target.sloId, buckets });
      const state: CollectionState = {
        sloId: target.sloId,
        lastBucket: target.to - bucket,
        lastSuccessAt: new Date(ctx.now * 1000).toISOString(),
        stale: false,
      };
      writes.states.push(state);
      // A later failure in this cycle keeps this pass's progress.
      ctx.states.set(target.sloId, state);
      ended.set(target.sloId, target.to);
      report.bucketsWritten += buckets.length;
    }
    await this.options.store.saveCollection(writes);
    report.passes++;
    return ended;
  }

  /**
   * Runs one request with backoff, evaluated at the edges (ends) of its buckets and of
   * `reach` seconds before them; a rejected batch is split to find the bad expressions.
   */
  private async run(
    request: PlannedRequest,
    bucket: number,
    reach: number,
    results: Results,
    errors: Map<string, string>,
  ): Promise<void> {
    let series;
    try {
      series = await this.withRetry(() =>
        this.options.client.queryRange(
          unionQuery(request.exprs),
          request.from + bucket - reach,
          request.to,
          bucket,
        ),
      );
    } catch (e) {
      if (e instanceof InputError && request.exprs.length > 1) {
        for (const expr of request.exprs) {
          await this.run(
            { ...request, exprs: [expr] },
            bucket,
            reach,
            results,
            errors,
          );
        }
        return;
      }
      for (const expr of request.exprs) errors.set(expr, (e as Error).message);
      return;
    }
    for (const s of series) {
      const expr = request.exprs[Number(s.metric[EXPR_LABEL])];
      if (expr === undefined) continue;
      const bySeries = results.get(expr) ?? new Map();
      results.set(expr, bySeries);
      const { [EXPR_LABEL]: _, ...labels } = s.metric;
      const key = JSON.stringify(Object.entries(labels).sort());
      const values = bySeries.get(key) ?? new Map<number, number>();
      bySeries.set(key, values);
      for (const [t, raw] of s.values) {
        const v = Number(raw);
        // NaN/Inf (e.g. 0/0 inside a spec's query) carry no event count.
        if (Number.isFinite(v)) values.set(Math.round(t), v);
      }
    }
  }

  private async withRetry<T>(fn: () => Promise<T>): Promise<T> {
    const attempts = this.options.attempts ?? 4;
    let delay = this.options.retryDelayMs ?? 1000;
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (!(e instanceof ServiceUnavailableError) || attempt >= attempts) {
          throw e;
        }
        this.options.logger.warn(
          `SLO collector: ${e.message}; retrying in ${delay}ms (attempt ${attempt} of ${attempts})`,
        );
        await sleep(delay);
        delay *= 2;
      }
    }
  }

  private fail(
    sloId: string,
    state: CollectionState | undefined,
    error: string,
    report: CollectionReport,
    pending: CollectionState[],
  ): void {
    // Keep the resume mark and the last good time: the gap is re-collected on recovery.
    pending.push({
      sloId,
      ...(state?.lastBucket !== undefined
        ? { lastBucket: state.lastBucket }
        : {}),
      ...(state?.lastSuccessAt ? { lastSuccessAt: state.lastSuccessAt } : {}),
      lastError: error,
      stale: true,
    });
    report.failed.push({ sloId, error });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
