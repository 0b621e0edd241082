import { DAY_MS } from '@internal/plugin-dora-common';
import { Knex } from 'knex';
import {
  binsOfOctave,
  coverDays,
  locateRank,
  nearestRank,
  octaveOf,
} from '../../metrics/valueBins';
import { BinnedValue } from './binnedValues';
import { segmentCase } from './readAggregates';

// Where the ranks of org-wide medians and p90 lie, from the octave and bin counts (see
// binnedValues.ts); readBinnedValues.ts reads the samples at those ranks.

export type Located = { bin: number; offset: number; count: number };

/** Per segment and over the window (segments 1 …): the count and where the wanted ranks lie. */
export interface RankedBins {
  segments: { count: number; p50?: Located }[];
  window: { count: number; p50?: Located; p90?: Located };
}

type Counts = Map<number, number>;

function add(counts: Counts, bin: number, n: number) {
  counts.set(bin, (counts.get(bin) ?? 0) + n);
}

function total(counts: Counts): number {
  let count = 0;
  counts.forEach(n => (count += n));
  return count;
}

export const rowsOf = (result: any): Record<string, unknown>[] =>
  Array.isArray(result) ? result : result.rows;

/** Whole weeks and days of each segment [B[i], B[i+1]), and the days a boundary cuts. */
interface Cover {
  segments: { weeks: number[]; days: number[] }[];
  /** UTC days a boundary cuts: their samples are read one by one. */
  cut: number[];
  /** A whole day d lies in segment i when d >= dayBounds[i]. */
  dayBounds: number[];
}

function coverSegments(bounds: number[]): Cover {
  const cut = [
    ...new Set(
      bounds.filter(b => b % DAY_MS !== 0).map(b => Math.floor(b / DAY_MS)),
    ),
  ];
  // A whole day d lies in segment i when d * DAY_MS >= B[i], i.e. d >= ceil(B[i] / DAY_MS).
  const dayBounds = bounds.map(b => Math.ceil(b / DAY_MS));
  const segments = bounds
    .slice(1)
    .map((b, i) => coverDays(dayBounds[i], Math.floor(b / DAY_MS)));
  return { segments, cut, dayBounds };
}

/** `CASE metric WHEN ? THEN 0 …`: metrics by position, as grouping on integers is cheaper. */
function metricIndex(db: Knex, metrics: string[]): Knex.Raw {
  return db.raw(
    `CASE metric ${metrics.map((_, i) => `WHEN ? THEN ${i}`).join(' ')} END`,
    metrics,
  );
}

/**
 * Step 1: per source and segment, the counts per octave over the segment's whole weeks and days
 * (octave rollups), and the fine bins of the samples on the days a boundary cuts, which are
 * folded into their octaves here and kept for step 2. One statement for all sources.
 */
async function readOctaves(
  db: Knex,
  environment: string,
  bounds: number[],
  cover: Cover,
  sources: BinnedValue[],
): Promise<{ octaves: Counts[][]; cutBins: Counts[][] }> {
  const metrics = sources.map(s => s.metric);
  const parts: Knex.QueryBuilder[] = [];
  const sums = (table: string, period: string, starts: number[]) => {
    if (starts.length === 0) return;
    parts.push(
      db(table)
        .select(
          db.raw('? as m', [metricIndex(db, metrics)]),
          db.raw('? as seg', [segmentCase(db, period, cover.dayBounds)]),
          db.raw('1 as lvl'),
          db.raw('octave as b'),
          'n',
        )
        .whereIn('metric', metrics)
        .where({ environment })
        .whereIn(period, starts),
    );
  };
  sums(
    'dora_value_octaves_weekly',
    'week',
    cover.segments.flatMap(s => s.weeks),
  );
  sums(
    'dora_value_octaves',
    'day',
    cover.segments.flatMap(s => s.days),
  );
  const last = bounds[bounds.length - 1];
  for (const [index, source] of (cover.cut.length > 0
    ? sources
    : []
  ).entries()) {
    parts.push(
      db(source.table)
        .select(
          db.raw(`${index} as m`),
          db.raw('? as seg', [segmentCase(db, source.time, bounds)]),
          db.raw('0 as lvl'),
          db.raw(
            source.bin ? '?? as b' : '0 as b',
            source.bin ? [source.bin] : [],
          ),
          db.raw('1 as n'),
        )
        .where('environment', environment)
        .where(q => {
          for (const day of cover.cut) {
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
  const empty = () => sources.map(() => bounds.slice(1).map(() => new Map()));
  const octaves: Counts[][] = empty();
  const cutBins: Counts[][] = empty();
  if (parts.length === 0) return { octaves, cutBins };
  const rows = rowsOf(
    await db.raw(
      'SELECT m, seg, lvl, b, CAST(sum(n) AS bigint) AS n FROM ? x GROUP BY m, seg, lvl, b',
      // SQLite refuses parenthesised members of a compound SELECT: knex's unionAll omits them.
      [parts[0].unionAll(parts.slice(1))],
    ),
  );
  for (const row of rows) {
    const [m, seg, b, n] = [row.m, row.seg, row.b, row.n].map(Number);
    if (Number(row.lvl) === 0) {
      add(cutBins[m][seg], b, n);
      add(octaves[m][seg], octaveOf(b), n);
    } else {
      add(octaves[m][seg], b, n);
    }
  }
  return { octaves, cutBins };
}

type Key = [k: number, metric: string, period: number, lo: number, hi: number];

const integer = (v: number) => {
  if (!Number.isSafeInteger(v)) throw new TypeError(`not an integer: ${v}`);
  return String(v);
};

/**
 * The counts of bin ranges [lo, hi] of given weeks and days, summed per k and bin, in one
 * statement whose wanted keys are a VALUES list joined to the index: a UNION of one SELECT per
 * key cost more to compile and plan than to run.
 */
async function sumBinRanges(
  db: Knex,
  environment: string,
  wanted: { weekly: Key[]; daily: Key[] },
): Promise<Record<string, unknown>[]> {
  const ctes: string[] = [];
  const selects: string[] = [];
  const bindings: Knex.RawBinding[] = [];
  const from = (name: string, table: string, period: string, keys: Key[]) => {
    if (keys.length === 0) return;
    // Our own integers are written in; the metric names are bound (cast, so PostgreSQL knows
    // the type of the VALUES column).
    ctes.push(
      `${name}(k, metric, p, lo, hi) AS (VALUES ${keys
        .map(
          ([k, , p, lo, hi]) =>
            `(${integer(k)}, CAST(? AS VARCHAR(16)), ${integer(p)}, ${integer(
              lo,
            )}, ${integer(hi)})`,
        )
        .join(', ')})`,
    );
    bindings.push(...keys.map(key => key[1]));
    selects.push(
      `SELECT ${name}.k AS k, b.bin AS bin, b.n AS n FROM ${name} JOIN ${table} b
       ON b.metric = ${name}.metric AND b.environment = ? AND b.${period} = ${name}.p
       AND b.bin BETWEEN ${name}.lo AND ${name}.hi`,
    );
  };
  from('w', 'dora_value_bins_weekly', 'week', wanted.weekly);
  from('d', 'dora_value_bins', 'day', wanted.daily);
  if (selects.length === 0) return [];
  // The environment of each SELECT follows all the VALUES bindings.
  bindings.push(...selects.map(() => environment));
  return rowsOf(
    await db.raw(
      `WITH ${ctes.join(
        ', ',
      )} SELECT k, bin, CAST(sum(n) AS bigint) AS n FROM (${selects.join(
        ' UNION ALL ',
      )}) x GROUP BY k, bin`,
      bindings,
    ),
  );
}

/** A rank to place: which source, over which segments, and where it lies among octaves. */
interface Target {
  source: number;
  /** Segment indexes the rank is over. */
  segments: number[];
  octave: Located;
}

/**
 * Step 2: for each target, the counts of the sixteen bins of its octave over its segments (fine
 * rollups of the whole weeks and days, plus the cut-day bins of step 1), and so the bin that
 * holds its rank. Targets sharing source, segments and octave share one sum.
 */
async function locateInOctaves(
  db: Knex,
  environment: string,
  cover: Cover,
  sources: BinnedValue[],
  cutBins: Counts[][],
  targets: Target[],
): Promise<(Located | undefined)[]> {
  const keyOf = (t: Target) =>
    `${t.source}/${t.segments.join(',')}/${t.octave.bin}`;
  const sumIndex = new Map<string, number>();
  const sums: Counts[] = [];
  // (sum, metric, week or day, first bin, last bin) to add up, per table.
  const wanted = { weekly: [] as Key[], daily: [] as Key[] };
  for (const t of targets) {
    const key = keyOf(t);
    if (sumIndex.has(key)) continue;
    const k = sums.length;
    sumIndex.set(key, k);
    const counts: Counts = new Map();
    sums.push(counts);
    const source = sources[t.source];
    // A row count (no value bins) has one bin, 0: its octave is its bin.
    if (!source.bin) continue;
    const [lo, hi] = binsOfOctave(t.octave.bin);
    for (const seg of t.segments) {
      cutBins[t.source][seg].forEach((n, bin) => {
        if (bin >= lo && bin <= hi) add(counts, bin, n);
      });
      for (const week of cover.segments[seg].weeks) {
        wanted.weekly.push([k, source.metric, week, lo, hi]);
      }
      for (const day of cover.segments[seg].days) {
        wanted.daily.push([k, source.metric, day, lo, hi]);
      }
    }
  }
  const rows = await sumBinRanges(db, environment, wanted);
  for (const row of rows) {
    add(sums[Number(row.k)], Number(row.bin), Number(row.n));
  }
  return targets.map(t => {
    const counts = sums[sumIndex.get(keyOf(t))!];
    if (!sources[t.source].bin) return t.octave;
    // A refresh that commits between the two statements can move a count: the rank then
    // clamps to the octave's last sample, and the next read is exact again.
    const n = total(counts);
    return n === 0
      ? undefined
      : locateRank(counts, Math.min(t.octave.offset + 1, n));
  });
}

/** Which ranks of a source a read wants located. */
export interface RankedSource {
  value: BinnedValue;
  /**
   * `segments`: each segment's median and the window's median and p90; `window-median`: the
   * window's median alone; `none`: only the counts.
   */
  ranks: 'segments' | 'window-median' | 'none';
}

/**
 * Where the wanted ranks lie, coarse then fine: the counts per octave locate each rank's octave
 * (step 1), then the bins of that octave alone locate its bin (step 2). Two statements for all
 * sources, whatever the window's length. Ranks not wanted are left undefined.
 */
export async function readRankedBins(
  db: Knex,
  environment: string,
  bounds: number[],
  sources: RankedSource[],
): Promise<RankedBins[]> {
  const values = sources.map(s => s.value);
  const cover = coverSegments(bounds);
  const { octaves, cutBins } = await readOctaves(
    db,
    environment,
    bounds,
    cover,
    values,
  );
  const windowSegments = bounds.slice(2).map((_, i) => i + 1);
  const targets: Target[] = [];
  const want = (
    source: number,
    segments: number[],
    p: number,
    wanted: boolean,
  ) => {
    const counts: Counts = new Map();
    for (const i of segments) {
      octaves[source][i].forEach((n, octave) => add(counts, octave, n));
    }
    const count = total(counts);
    const octave =
      !wanted || count === 0
        ? undefined
        : locateRank(counts, nearestRank(count, p));
    if (octave) targets.push({ source, segments, octave });
    return { count, target: octave && targets.length - 1 };
  };
  const wanted = sources.map(({ ranks }, m) => ({
    segments: octaves[m].map((_, i) => want(m, [i], 50, ranks === 'segments')),
    p50: want(m, windowSegments, 50, ranks !== 'none'),
    p90: want(m, windowSegments, 90, ranks === 'segments'),
  }));
  const located = await locateInOctaves(
    db,
    environment,
    cover,
    values,
    cutBins,
    targets,
  );
  const at = (w: { target?: number }) =>
    w.target === undefined ? undefined : located[w.target];
  return wanted.map(w => ({
    segments: w.segments.map(s => ({ count: s.count, p50: at(s) })),
    window: { count: w.p50.count, p50: at(w.p50), p90: at(w.p90) },
  }));
}
