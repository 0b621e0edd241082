import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  CounterSelectors,
  RollupBucket,
  Slo,
  WindowedQueries,
  counterSelectors,
  edgeIncrements,
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

const WINDOW = '5m';
// A bucket edge t reads the samples in (t − 5m, t]: Prometheus 3 leaves the left end out of a
// range, Prometheus 2 keeps it; a millisecond shorter is (t − 5m, t] in both.
const EDGE_RANGE = `${BUCKET_SECONDS * 1000 - 1}ms`;
const DEFAULT_COUNTER_LOOKBACK = 6 * 3600;

/** The newest and the largest value of each series of a counter per bucket edge. */
export function edgeQueries(selector: string): { last: string; max: string } {
  return {
    last: `last_over_time(${selector}[${EDGE_RANGE}])`,
    max: `max_over_time(${selector}[${EDGE_RANGE}])`,
  };
}

/**
 * How one SLO is collected: from its counters' values at bucket edges when its queries sum
 * counters (`counters`), else by evaluating its queries over each bucket (`queries`).
 */
type Target = CollectionTarget &
  (
    | { counters: CounterSelectors; queries?: undefined }
    | { queries: WindowedQueries; counters?: undefined }
  );

/** Values by series (label set) by evaluation time, per expression. */
type Results = Map<string, Map<string, Map<number, number>>>;

/**
 * Collects 5-minute good/total rollups from Prometheus into the store. Each SLO resumes after
 * its last collected bucket; a failed cycle leaves that mark where it was and flags the SLO
 * stale, so the next successful cycle fills the gap and nothing is lost.
 *
 * SLOs whose queries sum counters are read as each counter series' newest and largest value
 * at every bucket edge (from `counterLookbackSeconds` before the first bucket, so a series
 * silent across a scrape gap is differenced against its value before it) and differenced per
 * series with restarts handled ({@link edgeIncrements}): the events of a window are what
 * Prometheus' `increase()` counts over it. Other queries are evaluated over each bucket.
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
    const edgeExprs = new Set<string>();
    for (const slo of slos) {
      const state = states.get(slo.id);
      const last = state?.lastBucket ?? stored.get(slo.id);
      const from = Math.max(
        earliest,
        last === undefined ? earliest : last + BUCKET_SECONDS,
      );
      const counters = counterSelectors(slo.indicator);
      if (counters) {
        const exprs = [counters.good, counters.bad, counters.total]
          .filter((q): q is string => Boolean(q))
          .flatMap(q => Object.values(edgeQueries(q)));
        exprs.forEach(e => edgeExprs.add(e));
        targets.push({ sloId: slo.id, exprs, from, counters });
        continue;
      }
      let queries: WindowedQueries;
      try {
        queries = windowedQueries(slo.indicator, WINDOW);
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
          BUCKET_SECONDS,
      ) * BUCKET_SECONDS;
    const plan = planCollection(targets, {
      to,
      exprsPerRequest: this.options.exprsPerRequest ?? 50,
      // The lookback's edges count against Prometheus' 11,000 points per series too.
      maxBucketsPerRequest:
        (this.options.maxBucketsPerRequest ?? 10_800) -
        lookback / BUCKET_SECONDS,
    });
    const results: Results = new Map();
    const errors = new Map<string, string>();
    for (const request of plan) {
      const reach = request.exprs.some(e => edgeExprs.has(e)) ? lookback : 0;
      await this.run(request, reach, results, errors);
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

  /**
   * Runs one request with backoff, evaluated at the edges (ends) of its buckets and of
   * `reach` seconds before them; a rejected batch is split to find the bad expressions.
   */
  private async run(
    request: PlannedRequest,
    reach: number,
    results: Results,
    errors: Map<string, string>,
  ): Promise<void> {
    let series;
    try {
      series = await this.withRetry(() =>
        this.options.client.queryRange(
          unionQuery(request.exprs),
          request.from + BUCKET_SECONDS - reach,
          request.to,
          BUCKET_SECONDS,
        ),
      );
    } catch (e) {
      if (e instanceof InputError && request.exprs.length > 1) {
        for (const expr of request.exprs) {
          await this.run({ ...request, exprs: [expr] }, reach, results, errors);
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

/** Per bucket start, a query's values summed over its series (the value at t is the bucket ending at t). */
function perBucket(results: Results, expr?: string): Map<number, number> {
  const sums = new Map<number, number>();
  for (const values of (expr ? results.get(expr) : undefined)?.values() ?? []) {
    for (const [t, v] of values) {
      const start = t - BUCKET_SECONDS;
      sums.set(start, (sums.get(start) ?? 0) + v);
    }
  }
  return sums;
}

/** Per bucket start, a counter's events summed over its series, each differenced on its own. */
function counterEvents(
  results: Results,
  selector: string | undefined,
  from: number,
): Map<number, number> {
  const sums = new Map<number, number>();
  if (!selector) return sums;
  const { last, max } = edgeQueries(selector);
  const maxima = results.get(max);
  for (const [key, values] of results.get(last) ?? []) {
    const peaks = maxima?.get(key);
    const edges = [...values].map(([t, v]) => ({
      t,
      last: v,
      max: peaks?.get(t) ?? v,
    }));
    for (const [start, events] of edgeIncrements(edges, BUCKET_SECONDS, from)) {
      sums.set(start, (sums.get(start) ?? 0) + events);
    }
  }
  return sums;
}

/**
 * Buckets from per-expression values. A bucket without a total is no data and is not written;
 * a missing good or bad series next to a total means no such events (Prometheus has no series
 * for a label value that never occurred).
 */
function toBuckets(
  target: Target,
  results: Results,
  to: number,
): RollupBucket[] {
  let good: Map<number, number> | undefined;
  let bad: Map<number, number> | undefined;
  let total: Map<number, number>;
  let ratio: Map<number, number> | undefined;
  if (target.counters) {
    const { counters } = target;
    total = counterEvents(results, counters.total, target.from);
    if (counters.good)
      good = counterEvents(results, counters.good, target.from);
    else bad = counterEvents(results, counters.bad, target.from);
  } else {
    const { queries } = target;
    const scale = queries.perSecond ? BUCKET_SECONDS : 1;
    const scaled = (m: Map<number, number>) =>
      new Map([...m].map(([k, v]) => [k, v * scale]));
    ratio = queries.errorRatio
      ? perBucket(results, queries.errorRatio)
      : undefined;
    total = scaled(perBucket(results, queries.total));
    if (queries.good) good = scaled(perBucket(results, queries.good));
    else bad = scaled(perBucket(results, queries.bad));
  }
  const buckets: RollupBucket[] = [];
  for (let start = target.from; start < to; start += BUCKET_SECONDS) {
    let g: number;
    let t: number;
    if (ratio) {
      // An error ratio carries no event count: each bucket with data weighs 1.
      const r = ratio.get(start);
      if (r === undefined) continue;
      t = 1;
      g = 1 - r;
    } else {
      const counted = total.get(start);
      if (counted === undefined) continue;
      t = counted;
      g = good ? good.get(start) ?? 0 : t - (bad?.get(start) ?? 0);
    }
    t = Math.max(0, t);
    // Separate queries can disagree by a scrape; good stays within [0, total].
    buckets.push({ start, good: Math.min(Math.max(g, 0), t), total: t });
  }
  return buckets;
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
