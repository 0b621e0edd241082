/** What one SLO needs collected: its event expressions over buckets [from, to). */
export interface CollectionTarget {
  sloId: string;
  /** PromQL evaluated over one bucket (`[5m]`); identical strings are queried once. */
  exprs: string[];
  /** Start of the first bucket to collect. */
  from: number;
  /** Exclusive end of this target's buckets, when before the plan's `to` (see planPass). */
  to?: number;
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
  // Grouped by the range to collect: [from, to).
  const byRange = new Map<
    string,
    { from: number; to: number; exprs: Set<string> }
  >();
  for (const t of targets) {
    const to = Math.min(t.to ?? options.to, options.to);
    if (t.from >= to) continue;
    const key = `${t.from}:${to}`;
    const group = byRange.get(key) ?? { from: t.from, to, exprs: new Set() };
    t.exprs.forEach(e => group.exprs.add(e));
    byRange.set(key, group);
  }
  const requests: PlannedRequest[] = [];
  const groups = [...byRange.values()].sort(
    (a, b) => a.from - b.from || a.to - b.to,
  );
  for (const { from, to, exprs: set } of groups) {
    const exprs = [...set];
    for (let chunk = from; chunk < to; chunk += maxBuckets * bucket) {
      const chunkTo = Math.min(to, chunk + maxBuckets * bucket);
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
 * The share of one collection pass each SLO gets: at most `maxBuckets` buckets in all, so a
 * pass's Prometheus answers and its one transaction stay bounded however many SLOs are new or
 * how far back they reach. SLOs with the least to collect come first (the ones that are caught
 * up need one or two buckets each and are never starved by a backfill); each takes at most an
 * even split of what is left, the same for SLOs resuming at the same bucket. Returns each SLO's exclusive end for this pass; SLOs absent from
 * the answer have nothing to collect or wait for a later pass (more SLOs than buckets).
 */
export function planPass(
  targets: Array<{ sloId: string; from: number }>,
  options: { to: number; bucketSeconds: number; maxBuckets: number },
): Map<string, number> {
  const { to, bucketSeconds: bucket } = options;
  const behind = targets
    .map(t => ({ ...t, remaining: Math.ceil((to - t.from) / bucket) }))
    .filter(t => t.remaining > 0)
    .sort(
      (a, b) => a.remaining - b.remaining || a.sloId.localeCompare(b.sloId),
    );
  const ends = new Map<string, number>();
  let budget = Math.max(1, Math.floor(options.maxBuckets));
  let left = behind.length;
  // SLOs resuming at the same bucket get the same share, so they still share requests.
  for (let i = 0; i < behind.length && budget > 0; ) {
    let j = i;
    while (j < behind.length && behind[j].from === behind[i].from) j++;
    const share = Math.max(1, Math.floor(budget / left));
    for (const t of behind.slice(i, j)) {
      if (budget <= 0) break;
      const take = Math.min(t.remaining, share, budget);
      ends.set(t.sloId, t.from + take * bucket);
      budget -= take;
    }
    left -= j - i;
    i = j;
  }
  return ends;
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
