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
  readPercentiles,
  readPrBreakdown,
  readSegmentCounts,
} from './readAggregates';
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
  // Org-wide samples number in the millions: their percentiles come from the value bins.
  const [{ counts, successDays }, { leadTimes, recoveries, prs }] =
    await Promise.all([
      readSegmentCounts(db, scope, bounds),
      scope.entityRefs
        ? readScopedDurations(db, scope, bounds, range)
        : readOrgDurations(db, scope.environment, bounds),
    ]);
  return assembleMetrics({
    range,
    buckets,
    counts,
    leadTimes,
    recoveries,
    prs,
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
