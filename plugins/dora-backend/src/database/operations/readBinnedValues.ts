import { Knex } from 'knex';
import {
  BinnedSample,
  LEAD_TIMES,
  PR_STAGES,
  PR_STAGE_VALUES,
  PULL_REQUESTS,
  PrStage,
  RECOVERIES,
} from './binnedValues';
import {
  Located,
  RankedSource,
  readRankedBins,
  rowsOf,
} from './locateBinnedRanks';
import { MedianStat, Percentiles } from './readAggregates';

// Reads of the org-wide value bins: exact nearest-rank medians and p90, the samples at the ranks
// that locateBinnedRanks.ts located.

/** A rank to read: the sample of `source` in [from, to) at a located position. */
interface RankRead {
  source: BinnedSample;
  from: number;
  to: number;
  at?: Located;
}

/**
 * Exact nearest-rank values: for each located rank, the one sample at that rank, reading only
 * the samples of the bin that holds it, all in one statement. Each is sorted from the end
 * nearer its rank, so the database keeps a short top-N heap rather than sorting the bin.
 */
async function readRanks(
  db: Knex,
  environment: string,
  reads: RankRead[],
): Promise<(number | undefined)[]> {
  const parts: string[] = [];
  const bindings: Knex.RawBinding[] = [];
  reads.forEach(({ source, from, to, at }, k) => {
    if (!at) return;
    const fromTop = at.count - 1 - at.offset;
    const [order, offset] =
      fromTop < at.offset ? ['DESC', fromTop] : ['ASC', at.offset];
    parts.push(
      `SELECT ${k} AS k, v FROM (SELECT ?? AS v FROM ?? WHERE environment = ? AND ?? = ? AND ?? >= ? AND ?? < ? ORDER BY ?? ${order} LIMIT 1 OFFSET ${offset}) q${k}`,
    );
    bindings.push(
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
    );
  });
  const values: (number | undefined)[] = reads.map(() => undefined);
  if (parts.length === 0) return values;
  // One raw statement rather than nested builders: compiling them cost more than running them.
  const rows = rowsOf(await db.raw(parts.join(' UNION ALL '), bindings));
  for (const row of rows) values[Number(row.k)] = Number(row.v);
  return values;
}

export interface DurationFigures {
  leadTimes: Percentiles;
  recoveries: Percentiles;
  prs: { pullRequests: number; stages: Record<PrStage, MedianStat> };
}

/**
 * The org-wide duration figures from the bins: lead-time and recovery medians per segment and
 * median/p90 over the window [B[1], B[n]), and the window's PR count and stage medians. Lead
 * times, recoveries and PRs are three chains of three statements (octaves, bins, samples at the
 * ranks) run concurrently: on two cores that beat one chain for all sources, whose statements
 * were fewer but ran one after another.
 */
export async function readOrgDurations(
  db: Knex,
  environment: string,
  bounds: number[],
): Promise<DurationFigures> {
  const whole = { from: bounds[1], to: bounds[bounds.length - 1] };
  const percentiles = async (source: BinnedSample): Promise<Percentiles> => {
    const [{ segments, window }] = await readRankedBins(
      db,
      environment,
      bounds,
      [{ value: source, ranks: 'segments' }],
    );
    const values = await readRanks(db, environment, [
      ...segments.map((s, i) => ({
        source,
        from: bounds[i],
        to: bounds[i + 1],
        at: s.p50,
      })),
      { source, ...whole, at: window.p50 },
      { source, ...whole, at: window.p90 },
    ]);
    const n = segments.length;
    return {
      segments: segments.map(
        (s, i): MedianStat => ({ median: values[i], count: s.count }),
      ),
      window: { median: values[n], p90: values[n + 1], count: window.count },
    };
  };
  const pullRequests = async () => {
    // PR figures have no buckets: an empty segment 0 (no previous window), the window after it.
    const [prs, ...stages] = await readRankedBins(
      db,
      environment,
      [whole.from, whole.from, whole.to],
      [
        { value: PULL_REQUESTS, ranks: 'none' },
        ...PR_STAGES.map(
          (s): RankedSource => ({
            value: PR_STAGE_VALUES[s],
            ranks: 'window-median',
          }),
        ),
      ],
    );
    const medians = await readRanks(
      db,
      environment,
      PR_STAGES.map((s, i) => ({
        source: PR_STAGE_VALUES[s],
        ...whole,
        at: stages[i].window.p50,
      })),
    );
    const byStage = {} as Record<PrStage, MedianStat>;
    PR_STAGES.forEach((s, i) => {
      byStage[s] = { median: medians[i], count: stages[i].window.count };
    });
    return { pullRequests: prs.window.count, stages: byStage };
  };
  const [leadTimes, recoveries, prs] = await Promise.all([
    percentiles(LEAD_TIMES),
    percentiles(RECOVERIES),
    pullRequests(),
  ]);
  return { leadTimes, recoveries, prs };
}
