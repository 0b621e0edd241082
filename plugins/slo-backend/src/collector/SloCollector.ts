import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  RollupBucket,
  Slo,
  WindowedQueries,
  windowedQueries,
} from '@internal/plugin-slo-common';
import {
  BUCKET_SECONDS,
  CollectionState,
  SloRollupStore,
} from '../database/SloRollupStore';
import { PrometheusClient } from './PrometheusClient';
import {
  CollectionTarget,
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
}

/** What one cycle did. */
export interface CollectionReport {
  requests: number;
  collected: string[];
  failed: Array<{ sloId: string; error: string }>;
  bucketsWritten: number;
}

const WINDOW = '5m';

type Target = CollectionTarget & { queries: WindowedQueries };

/**
 * Collects 5-minute good/total rollups from Prometheus into the store. Each SLO resumes after
 * its last collected bucket; a failed cycle leaves that mark where it was and flags the SLO
 * stale, so the next successful cycle fills the gap and nothing is lost.
 */
export class SloCollector {
  constructor(private readonly options: SloCollectorOptions) {}

  async collect(slos: Slo[], now: number): Promise<CollectionReport> {
    const { store, client } = this.options;
    const sent = client.requestCount;
    const to =
      Math.floor((now - (this.options.lagSeconds ?? 60)) / BUCKET_SECONDS) *
      BUCKET_SECONDS;
    const earliest =
      Math.floor((to - this.options.maxBackfillSeconds) / BUCKET_SECONDS) *
      BUCKET_SECONDS;
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
    for (const slo of slos) {
      const state = states.get(slo.id);
      let queries: WindowedQueries;
      try {
        queries = windowedQueries(slo.indicator, WINDOW);
      } catch (e) {
        this.fail(slo.id, state, (e as Error).message, report, writes.states);
        continue;
      }
      const last = state?.lastBucket ?? stored.get(slo.id);
      const from = Math.max(
        earliest,
        last === undefined ? earliest : last + BUCKET_SECONDS,
      );
      const exprs = [
        queries.good,
        queries.bad,
        queries.total,
        queries.errorRatio,
      ].filter((q): q is string => Boolean(q));
      targets.push({ sloId: slo.id, exprs, from, queries });
    }

    const plan = planCollection(targets, {
      to,
      exprsPerRequest: this.options.exprsPerRequest ?? 50,
      maxBucketsPerRequest: this.options.maxBucketsPerRequest,
    });
    const results = new Map<string, Map<number, number>>();
    const errors = new Map<string, string>();
    for (const request of plan) {
      await this.run(request, results, errors);
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
      const buckets = toBuckets(target, results, to);
      writes.buckets.push({ sloId: target.sloId, buckets });
      writes.states.push({
        sloId: target.sloId,
        lastBucket: to - BUCKET_SECONDS,
        lastSuccessAt: new Date(now * 1000).toISOString(),
        stale: false,
      });
      report.collected.push(target.sloId);
      report.bucketsWritten += buckets.length;
    }
    await store.saveCollection(writes);
    return report;
  }

  /** Runs one request with backoff; a rejected batch is split to find the bad expressions. */
  private async run(
    request: PlannedRequest,
    results: Map<string, Map<number, number>>,
    errors: Map<string, string>,
  ): Promise<void> {
    let series;
    try {
      series = await this.withRetry(() =>
        this.options.client.queryRange(
          unionQuery(request.exprs),
          request.from + BUCKET_SECONDS,
          request.to,
          BUCKET_SECONDS,
        ),
      );
    } catch (e) {
      if (e instanceof InputError && request.exprs.length > 1) {
        for (const expr of request.exprs) {
          await this.run({ ...request, exprs: [expr] }, results, errors);
        }
        return;
      }
      for (const expr of request.exprs) errors.set(expr, (e as Error).message);
      return;
    }
    for (const s of series) {
      const expr = request.exprs[Number(s.metric[EXPR_LABEL])];
      if (expr === undefined) continue;
      const values = results.get(expr) ?? new Map<number, number>();
      results.set(expr, values);
      for (const [t, raw] of s.values) {
        const v = Number(raw);
        // NaN/Inf (e.g. 0/0 inside a spec's query) carry no event count.
        if (!Number.isFinite(v)) continue;
        // The value at t counts the bucket ending at t.
        const start = Math.round(t) - BUCKET_SECONDS;
        values.set(start, (values.get(start) ?? 0) + v);
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

/**
 * Buckets from per-expression values. A bucket without a total is no data and is not written;
 * a missing good or bad series next to a total means no such events (Prometheus has no series
 * for a label value that never occurred).
 */
function toBuckets(
  target: Target,
  results: Map<string, Map<number, number>>,
  to: number,
): RollupBucket[] {
  const { queries } = target;
  const get = (expr?: string) => (expr ? results.get(expr) : undefined);
  const scale = queries.perSecond ? BUCKET_SECONDS : 1;
  const buckets: RollupBucket[] = [];
  for (let start = target.from; start < to; start += BUCKET_SECONDS) {
    let good: number;
    let total: number;
    if (queries.errorRatio) {
      // An error ratio carries no event count: each bucket with data weighs 1.
      const ratio = get(queries.errorRatio)?.get(start);
      if (ratio === undefined) continue;
      total = 1;
      good = 1 - ratio;
    } else {
      const t = get(queries.total)?.get(start);
      if (t === undefined) continue;
      total = t * scale;
      good = queries.good
        ? (get(queries.good)?.get(start) ?? 0) * scale
        : total - (get(queries.bad)?.get(start) ?? 0) * scale;
    }
    total = Math.max(0, total);
    // Separate queries can disagree by a scrape; good stays within [0, total].
    buckets.push({ start, good: Math.min(Math.max(good, 0), total), total });
  }
  return buckets;
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
