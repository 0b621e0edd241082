import { hashSeed, mulberry32 } from '@internal/portal-common';
import {
  RollupBucket,
  Slo,
  isLatencyIndicator,
} from '@internal/plugin-slo-common';
import { SloRollupStore } from '../database/SloRollupStore';

/** How many days of history a first seed writes. */
export const DEMO_DAYS = 35;
const HOUR = 3600;
const DAY = 86400;

/**
 * Burn rate (error ratio / (1 − target)) of a demo SLO at bucket `t`, given `anchor`, the time
 * the buckets are written. Undefined: not a demo SLO.
 */
function demoBurn(slo: Slo, t: number, anchor: number): number | undefined {
  const age = anchor - t;
  switch (slo.service) {
    case 'payment-service':
      // Healthy: ~0.02% errors against 99.9% (burn 0.2); latency a little under budget.
      return isLatencyIndicator(slo.indicator) ||
        slo.indicator.kind === 'latency'
        ? 0.3
        : 0.2;
    case 'order-service':
      // Fast burn in the last 2 hours: 1h and 5m burn ≈ 20 > 14.4, the page alert fires.
      return age < 2 * HOUR ? 20 : 0.3;
    case 'user-service':
      if (slo.indicator.kind === 'latency') return 0.2;
      // Slow burn: 0.6 for most of the window, 1.5 over the last 3 days. About 70% of a
      // 30-day budget consumed, the 3d/6h ticket alert (factor 1) fires.
      return age < 3 * DAY ? 1.5 : 0.6;
    case 'notification-service':
      return 0;
    case 'portal':
      // The portal's own requests (catalog-info.yaml): healthy, well within both budgets.
      return 0.1;
    default:
      return undefined;
  }
}

/** Requests per 5 minutes with a day/night cycle. */
function demoTraffic(slo: Slo, t: number): number {
  if (slo.service === 'notification-service') return 0;
  const base =
    { 'payment-service': 3000, 'order-service': 2400 }[slo.service] ?? 1800;
  const hourOfDay = (t % DAY) / HOUR;
  return base * (1 + 0.4 * Math.sin(((hourOfDay - 8) / 24) * 2 * Math.PI));
}

export function isDemoSlo(slo: Slo): boolean {
  return demoBurn(slo, 0, 0) !== undefined;
}

/** Deterministic demo buckets for [from, to) (bucket starts), written at `anchor`. */
export function demoBuckets(
  slo: Slo,
  from: number,
  to: number,
  anchor: number,
  bucket = 300,
): RollupBucket[] {
  const buckets: RollupBucket[] = [];
  const seed = hashSeed(slo.id);
  const first = Math.ceil(from / bucket) * bucket;
  for (let t = first; t < to; t += bucket) {
    const burn = demoBurn(slo, t, anchor) ?? 0;
    // A stream per bucket: the same bucket always gets the same counts.
    const random = mulberry32(seed ^ t);
    const total = Math.round(
      ((demoTraffic(slo, t) * bucket) / 300) * (0.9 + 0.2 * random()),
    );
    const expectedBad = total * burn * (1 - slo.target);
    const bad = Math.min(total, Math.floor(expectedBad + random()));
    buckets.push({ start: t, good: total - bad, total });
  }
  return buckets;
}

/** Like the collector's default lag: a bucket is written once it ended this long ago. */
export const DEMO_LAG_SECONDS = 60;

/**
 * At most this many buckets are generated and written at once: a first seed of many SLOs (or a
 * short `slo.bucketSeconds`) streams through in bounded steps instead of one large write.
 */
export const DEMO_CHUNK_BUCKETS = 2016;

/**
 * Seeds {@link DEMO_DAYS} days of buckets for demo SLOs without rollups and tops up the others,
 * the way a collection cycle at `now` would: only buckets that ended {@link DEMO_LAG_SECONDS}
 * ago (never the bucket holding `now`). Each step writes one SLO's next {@link DEMO_CHUNK_BUCKETS}
 * buckets with its collection state in one `saveCollection`, so budgets are evaluated at the
 * same place as collected ones and an interrupted seed resumes where it stopped. Returns the
 * buckets written.
 */
export async function seedDemoRollups(
  store: SloRollupStore,
  slos: Slo[],
  now: number,
): Promise<number> {
  const bucket = store.bucketSeconds;
  const to = Math.floor((now - DEMO_LAG_SECONDS) / bucket) * bucket;
  const demo = slos.filter(isDemoSlo);
  const ids = demo.map(s => s.id);
  const states = await store.getCollectionStates(ids);
  const stored = await store.lastBuckets(
    ids.filter(id => states.get(id)?.lastBucket === undefined),
  );
  let written = 0;
  for (const slo of demo) {
    const last = states.get(slo.id)?.lastBucket ?? stored.get(slo.id);
    const from = last === undefined ? to - DEMO_DAYS * DAY : last + bucket;
    for (let start = from; start < to; start += DEMO_CHUNK_BUCKETS * bucket) {
      const end = Math.min(to, start + DEMO_CHUNK_BUCKETS * bucket);
      const buckets = demoBuckets(slo, start, end, now, bucket);
      await store.saveCollection({
        buckets: [{ sloId: slo.id, buckets }],
        states: [
          {
            sloId: slo.id,
            lastBucket: end - bucket,
            lastSuccessAt: new Date(now * 1000).toISOString(),
            stale: false,
          },
        ],
      });
      written += buckets.length;
    }
  }
  return written;
}
