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
}

/** What one cycle did. */
export interface CollectionReport {
  requests: number;
  collected: string[];
  failed: Array<{ sloId: string; error: string }>;
  bucketsWritten: number;
}

const DEFAULT_COUNTER_LOOKBACK = 6 * 3600;

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
    // Everything the cycle writes goes to the store at the end, in one transaction.
    const writes: Parameters<SloRollupStore['saveCollection']>[0] = {
      buckets: [],
      states: [],
    };
    const report: CollectionReport = {
      requests: 0,
      collected: [],
      failed: [],
      bucketsWritten: 0,
    };

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
        this.fail(slo.id, state, (e as Error).message, report, writes.states);
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
    const plan = planCollection(targets, {
      to,
      bucketSeconds: bucket,
      exprsPerRequest: this.options.exprsPerRequest ?? 50,
      // The lookback's edges count against Prometheus' 11,000 points per series too.
      maxBucketsPerRequest:
        (this.options.maxBucketsPerRequest ?? 10_800) - lookback / bucket,
    });
    const results: Results = new Map();
    const errors = new Map<string, string>();
    for (const request of plan) {
      const reach = request.exprs.some(e => edgeExprs.has(e)) ? lookback : 0;
      await this.run(request, bucket, reach, results, errors);
    }
    report.requests = client.requestCount - sent;

    for (const target of targets) {
      if (target.from >= to) {
        report.collected.push(target.sloId);
        continue;
      }
      const error = target.exprs.map(e => errors.get(e)).find(Boolean);
      if (error) {
        this.fail(
          target.sloId,
          states.get(target.sloId),
          error,
          report,
          writes.states,
        );
        continue;
      }
      const buckets = toBuckets(target, results, to, bucket);
      writes.buckets.push({ sloId: target.sloId, buckets });
      writes.states.push({
        sloId: target.sloId,
        lastBucket: to - bucket,
        lastSuccessAt: new Date(now * 1000).toISOString(),
        stale: false,
      });
      report.collected.push(target.sloId);
      report.bucketsWritten += buckets.length;
    }
    await store.saveCollection(writes);
    return report;
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
