/** What one SLO needs collected: its event expressions over buckets [from, to). */
export interface CollectionTarget {
  sloId: string;
  /** PromQL evaluated over one bucket (`[5m]`); identical strings are queried once. */
  exprs: string[];
  /** Start of the first bucket to collect. */
  from: number;
}

/** One range query: `exprs` unioned, over the buckets [from, to). */
export interface PlannedRequest {
  from: number;
  to: number;
  exprs: string[];
}

export interface PlanOptions {
  /** Exclusive end: start of the first bucket not to collect. */
  to: number;
  /** Bucket length in seconds (default 300). */
  bucketSeconds?: number;
  /** Expressions unioned into one query. */
  exprsPerRequest: number;
  /** Buckets per request; Prometheus refuses more than 11,000 points per series. */
  maxBucketsPerRequest?: number;
}

/** The label that tells the unioned expressions' series apart. */
export const EXPR_LABEL = 'portal_slo_expr';

const DEFAULT_MAX_BUCKETS = 10_800;

/**
 * Plans one collection cycle. Targets that resume at the same bucket (after the first cycle,
 * all of them) share requests: their distinct expressions are unioned into queries of
 * `exprsPerRequest`, each covering up to `maxBucketsPerRequest` buckets. A cycle therefore
 * costs ⌈distinct expressions / exprsPerRequest⌉ requests per resume point and time chunk,
 * whatever the number of SLOs and alert windows: windows are summed from the rollups.
 */
export function planCollection(
  targets: CollectionTarget[],
  options: PlanOptions,
): PlannedRequest[] {
  const maxBuckets = options.maxBucketsPerRequest ?? DEFAULT_MAX_BUCKETS;
  const bucket = options.bucketSeconds ?? 300;
  const perRequest = Math.max(1, Math.floor(options.exprsPerRequest));
  const byFrom = new Map<number, Set<string>>();
  for (const t of targets) {
    if (t.from >= options.to) continue;
    const exprs = byFrom.get(t.from) ?? new Set<string>();
    t.exprs.forEach(e => exprs.add(e));
    byFrom.set(t.from, exprs);
  }
  const requests: PlannedRequest[] = [];
  for (const [from, set] of [...byFrom.entries()].sort((a, b) => a[0] - b[0])) {
    const exprs = [...set];
    for (let chunk = from; chunk < options.to; chunk += maxBuckets * bucket) {
      const chunkTo = Math.min(options.to, chunk + maxBuckets * bucket);
      for (let i = 0; i < exprs.length; i += perRequest) {
        requests.push({
          from: chunk,
          to: chunkTo,
          exprs: exprs.slice(i, i + perRequest),
        });
      }
    }
  }
  return requests;
}

/**
 * One PromQL query returning every expression's series, each tagged with its index in
 * {@link EXPR_LABEL}: distinct label values keep `or` from dropping any of them.
 */
export function unionQuery(exprs: string[]): string {
  return exprs
    .map((e, i) => `label_replace(${e}, "${EXPR_LABEL}", "${i}", "", "")`)
    .join('\nor\n');
}
