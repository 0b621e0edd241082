import { DAY_MS } from '@internal/plugin-dora-common';
import { Knex } from 'knex';
import { coverDays, locateRank, nearestRank } from '../../metrics/valueBins';
import {
  BinnedSample,
  BinnedValue,
  PR_STAGES,
  PR_STAGE_VALUES,
  PULL_REQUESTS,
  PrStage,
} from './binnedValues';
import { MedianStat, Percentiles, segmentCase } from './readAggregates';

// Reads of the org-wide value bins: exact nearest-rank medians and p90 (see binnedValues.ts).

type Located = { bin: number; offset: number; count: number };

/** Per segment and over the window (segments 1 …): the count and where the wanted ranks lie. */
export interface RankedBins {
  segments: { count: number; p50?: Located }[];
  window: { count: number; p50?: Located; p90?: Located };
}

function add(counts: Map<number, number>, bin: number, n: number) {
  counts.set(bin, (counts.get(bin) ?? 0) + n);
}

function locateAll(counts: Map<number, number>, percentiles: number[]) {
  let count = 0;
  counts.forEach(n => (count += n));
  return {
    count,
    at: percentiles.map(p =>
      count === 0 ? undefined : locateRank(counts, nearestRank(count, p)),
    ),
  };
}

/**
 * Sums the org-wide counts per segment [B[i], B[i+1]) and bin (whole weeks and days from the
 * rollups, the days a boundary cuts from the samples) in one statement that serves several
 * metrics; which bin holds each segment's median and the window's median and p90 is found here
 * (window functions over the few thousand sums cost more than the sums themselves).
 */
export async function readRankedBins(
  db: Knex,
  environment: string,
  bounds: number[],
  sources: BinnedValue[],
): Promise<RankedBins[]> {
  const last = bounds[bounds.length - 1];
  const cut = [
    ...new Set(
      bounds.filter(b => b % DAY_MS !== 0).map(b => Math.floor(b / DAY_MS)),
    ),
  ];
  // A whole day d lies in segment i when d * DAY_MS >= B[i], i.e. d >= ceil(B[i] / DAY_MS).
  const dayBounds = bounds.map(b => Math.ceil(b / DAY_MS));
  // Whole days inside each segment: Monday-start weeks from the weekly rows, the rest daily.
  const weeks: number[] = [];
  const days: number[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const cover = coverDays(dayBounds[i], Math.floor(bounds[i + 1] / DAY_MS));
    weeks.push(...cover.weeks);
    days.push(...cover.days);
  }
  const metrics = sources.map(s => s.metric);
  // Metrics by position: grouping on integers is cheaper than on text.
  const metricIndex = db.raw(
    `CASE metric ${metrics.map((_, i) => `WHEN ? THEN ${i}`).join(' ')} END`,
    metrics,
  );
  const parts: Knex.QueryBuilder[] = [];
  const sums = (table: string, period: string, starts: number[]) => {
    if (starts.length === 0) return;
    parts.push(
      db(table)
        .select(
          db.raw('? as m', [metricIndex]),
          db.raw('? as seg', [segmentCase(db, period, dayBounds)]),
          'bin',
          'n',
        )
        .whereIn('metric', metrics)
        .where({ environment })
        .whereIn(period, starts),
    );
  };
  sums('dora_value_bins_weekly', 'week', weeks);
  sums('dora_value_bins', 'day', days);
  for (const [index, source] of (cut.length > 0 ? sources : []).entries()) {
    parts.push(
      db(source.table)
        .select(
          db.raw(`${index} as m`),
          db.raw('? as seg', [segmentCase(db, source.time, bounds)]),
          db.raw(
            source.bin ? '?? as bin' : '0 as bin',
            source.bin ? [source.bin] : [],
          ),
          db.raw('1 as n'),
        )
        .where('environment', environment)
        .where(q => {
          for (const day of cut) {
            q.orWhereBetween(source.time, [
              day * DAY_MS,
              (day + 1) * DAY_MS - 1,
            ]);
          }
        })
        .where(source.time, '>=', bounds[0])
        .where(source.time, '<', last)
        .modify(q => {
          if (source.bin) q.whereNotNull(source.bin);
        }),
    );
  }
  const segmentCounts = sources.map(() =>
    bounds.slice(1).map(() => new Map<number, number>()),
  );
  if (parts.length > 0) {
    const result = await db.raw(
      'SELECT m, seg, bin, CAST(sum(n) AS bigint) AS n FROM ? x GROUP BY m, seg, bin',
      // SQLite refuses parenthesised members of a compound SELECT: knex's unionAll omits them.
      [parts[0].unionAll(parts.slice(1))],
    );
    const rows: Record<string, unknown>[] = Array.isArray(result)
      ? result
      : result.rows;
    for (const row of rows) {
      const counts = segmentCounts[Number(row.m)][Number(row.seg)];
      add(counts, Number(row.bin), Number(row.n));
    }
  }
  return segmentCounts.map(segments => {
    const window = new Map<number, number>();
    segments
      .slice(1)
      .forEach(counts => counts.forEach((n, bin) => add(window, bin, n)));
    const whole = locateAll(window, [50, 90]);
    return {
      segments: segments.map(counts => {
        const r = locateAll(counts, [50]);
        return { count: r.count, p50: r.at[0] };
      }),
      window: { count: whole.count, p50: whole.at[0], p90: whole.at[1] },
    };
  });
}

/**
 * Exact nearest-rank values: for each located rank in [from, to), the one sample at that rank,
 * reading only the samples of the bin that holds it, all in one statement. Each is sorted from
 * the end nearer its rank, so the database keeps a short top-N heap rather than sorting the bin.
 */
async function readRanks(
  db: Knex,
  environment: string,
  source: BinnedSample,
  targets: { from: number; to: number; at?: Located }[],
): Promise<(number | undefined)[]> {
  const parts: Knex.Raw[] = [];
  targets.forEach(({ from, to, at }, k) => {
    if (!at) return;
    const fromTop = at.count - 1 - at.offset;
    const [order, offset] =
      fromTop < at.offset ? ['DESC', fromTop] : ['ASC', at.offset];
    parts.push(
      db.raw(
        `SELECT ${k} AS k, v FROM (SELECT ?? AS v FROM ?? WHERE environment = ? AND ?? = ? AND ?? >= ? AND ?? < ? ORDER BY ?? ${order} LIMIT 1 OFFSET ${offset}) q${k}`,
        [
          source.value,
          source.table,
          environment,
          source.bin,
          at.bin,
          source.time,
          from,
          source.time,
          to,
          source.value,
        ],
      ),
    );
  });
  const values: (number | undefined)[] = targets.map(() => undefined);
  if (parts.length === 0) return values;
  const result = await db.raw(parts.map(() => '?').join(' UNION ALL '), parts);
  const rows: { k: unknown; v: unknown }[] = Array.isArray(result)
    ? result
    : result.rows;
  for (const row of rows) values[Number(row.k)] = Number(row.v);
  return values;
}

/** Org-wide median per segment and median/p90 over the window, from the bins. */
export async function readOrgPercentiles(
  db: Knex,
  environment: string,
  bounds: number[],
  source: BinnedSample,
): Promise<Percentiles> {
  const [ranked] = await readRankedBins(db, environment, bounds, [source]);
  const whole = { from: bounds[1], to: bounds[bounds.length - 1] };
  const values = await readRanks(db, environment, source, [
    ...ranked.segments.map((s, i) => ({
      from: bounds[i],
      to: bounds[i + 1],
      at: s.p50,
    })),
    { ...whole, at: ranked.window.p50 },
    { ...whole, at: ranked.window.p90 },
  ]);
  const n = ranked.segments.length;
  return {
    segments: ranked.segments.map(
      (s, i): MedianStat => ({ median: values[i], count: s.count }),
    ),
    window: {
      median: values[n],
      p90: values[n + 1],
      count: ranked.window.count,
    },
  };
}

/** Org-wide PR count and per-stage medians over [from, to). */
export async function readOrgPrBreakdown(
  db: Knex,
  environment: string,
  from: number,
  to: number,
): Promise<{ pullRequests: number; stages: Record<PrStage, MedianStat> }> {
  const [prs, ...ranked] = await readRankedBins(
    db,
    environment,
    [from, to],
    [PULL_REQUESTS, ...PR_STAGES.map(s => PR_STAGE_VALUES[s])],
  );
  const medians = await Promise.all(
    PR_STAGES.map((s, i) =>
      readRanks(db, environment, PR_STAGE_VALUES[s], [
        { from, to, at: ranked[i].segments[0].p50 },
      ]),
    ),
  );
  const stages = {} as Record<PrStage, MedianStat>;
  PR_STAGES.forEach((s, i) => {
    stages[s] = { median: medians[i][0], count: ranked[i].segments[0].count };
  });
  return { pullRequests: prs.segments[0].count, stages };
}
