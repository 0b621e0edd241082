import {
  BucketUnit,
  DAY_MS,
  DoraMetrics,
  bucketRanges,
  normalizeEntityRef,
  previousWindow,
  resolveWindow,
} from '@internal/plugin-dora-common';
import { Knex } from 'knex';
import { assembleMetrics } from '../../metrics/assembleMetrics';
import {
  Scope,
  SegmentCounts,
  emptyPercentiles,
  emptySegmentCounts,
  readPercentiles,
  readPercentilesKeyed,
  readSegmentCounts,
  readSegmentCountsKeyed,
} from './readAggregates';
import {
  emptyPrBreakdown,
  readPrBreakdown,
  readPrBreakdownKeyed,
} from './readPrBreakdown';
import { LEAD_TIMES, RECOVERIES } from './binnedValues';
import { DurationFigures, readOrgDurations } from './readBinnedValues';
import { dayOf } from './refreshFacts';

export interface MetricsQuery {
  /** Entities in scope (any reference form); undefined means the whole organisation. */
  entityRefs?: Iterable<string>;
  /** Window start, epoch ms (inclusive). */
  from: number;
  /** Window end, epoch ms (exclusive). */
  to: number;
  /** Default `production`. */
  environment?: string;
  /** Default `week`; buckets are UTC, like the API's. */
  bucket?: BucketUnit;
}

/**
 * The five keys from the derived tables: a few small aggregate queries, run concurrently, whose
 * cost depends on the window and bucket count rather than on the number of events (apart from
 * an entity scope's PostgreSQL percentiles, which read one narrow covering index). The daily
 * counts also give the deployment days.
 */
export async function readMetrics(
  db: Knex,
  query: MetricsQuery,
): Promise<DoraMetrics> {
  const plan = planOf(query);
  const { scope, bounds, range } = plan;
  // Org-wide samples number in the millions: their percentiles come from the value bins.
  const [{ counts, successDays }, { leadTimes, recoveries, prs }] =
    await Promise.all([
      readSegmentCounts(db, scope, bounds),
      scope.entityRefs
        ? readScopedDurations(db, scope, bounds, range)
        : readOrgDurations(db, scope.environment, bounds),
    ]);
  return assemble(plan, counts, successDays, { leadTimes, recoveries, prs });
}

/**
 * readMetrics of each entity on its own (`entityRefs` one by one), from one set of the same
 * queries grouped by entity rather than one set per entity: keyed by the normalised ref, and
 * each answer equal to `readMetrics` with that entity alone (the store's tests compare them).
 */
export async function readMetricsPerEntity(
  db: Knex,
  query: MetricsQuery & { entityRefs: Iterable<string> },
): Promise<Map<string, DoraMetrics>> {
  const plan = planOf(query);
  const { scope, bounds, range } = plan;
  const [counts, leadTimes, recoveries, prs] = await Promise.all([
    readSegmentCountsKeyed(db, scope, bounds, true),
    readPercentilesKeyed(db, scope, bounds, LEAD_TIMES, true),
    readPercentilesKeyed(db, scope, bounds, RECOVERIES, true),
    readPrBreakdownKeyed(db, scope, range.from, range.to, true),
  ]);
  const out = new Map<string, DoraMetrics>();
  for (const ref of scope.entityRefs!) {
    const c = counts.get(ref) ?? emptySegmentCounts(bounds);
    out.set(
      ref,
      assemble(plan, c.counts, c.successDays, {
        leadTimes: leadTimes.get(ref) ?? emptyPercentiles(bounds),
        recoveries: recoveries.get(ref) ?? emptyPercentiles(bounds),
        prs: prs.get(ref) ?? emptyPrBreakdown(),
      }),
    );
  }
  return out;
}

interface Plan {
  range: { from: number; to: number };
  buckets: ReturnType<typeof bucketRanges>;
  bounds: number[];
  scope: Scope;
  weeks: ReturnType<typeof bucketRanges>;
}

function planOf(query: MetricsQuery): Plan {
  const range = resolveWindow(query);
  const bucket = query.bucket ?? 'week';
  const buckets = bucketRanges(range, bucket, 'UTC');
  const prev = previousWindow(range);
  const bounds = [
    prev.from,
    range.from,
    ...buckets.slice(1).map(b => b.from),
    range.to,
  ];
  const scope: Scope = {
    environment: (query.environment ?? 'production').toLowerCase(),
    entityRefs: query.entityRefs && [
      ...new Set([...query.entityRefs].map(r => normalizeEntityRef(r) ?? r)),
    ],
  };
  const weeks = bucketRanges(range, 'week', 'UTC').filter(
    w => w.from >= range.from && w.to <= range.to,
  );
  return { range, buckets, bounds, scope, weeks };
}

function assemble(
  plan: Plan,
  counts: SegmentCounts['counts'],
  successDays: Set<number>,
  durations: DurationFigures,
): DoraMetrics {
  const { range, buckets, weeks } = plan;
  return assembleMetrics({
    range,
    buckets,
    counts,
    ...durations,
    deploymentDaysPerWeek: weeks.map(w => {
      let days = 0;
      for (let d = dayOf(w.from); d < dayOf(w.to); d++) {
        if (successDays.has(d)) days++;
      }
      return days;
    }),
    days: (range.to - range.from) / DAY_MS,
  });
}

/** The duration figures of an entity scope, from its own samples (see readOrgDurations). */
async function readScopedDurations(
  db: Knex,
  scope: Scope,
  bounds: number[],
  range: { from: number; to: number },
): Promise<DurationFigures> {
  const [leadTimes, recoveries, prs] = await Promise.all([
    readPercentiles(db, scope, bounds, LEAD_TIMES),
    readPercentiles(db, scope, bounds, RECOVERIES),
    readPrBreakdown(db, scope, range.from, range.to),
  ]);
  return { leadTimes, recoveries, prs };
}
