import { DAY_MS, percentile } from '@internal/plugin-dora-common';
import { Knex } from 'knex';
import { DAILY_COUNTS, DailyCount, ORG_SCOPE, dayOf } from './refreshFacts';

/*
 * Aggregations over half-open segments [B[i], B[i+1]) of epoch-ms boundaries B: segment 0 is the
 * previous window, the others the window's buckets. Whole UTC days come from dora_daily; the few
 * days a boundary cuts (window edges not at midnight) from the per-deployment facts.
 */

export interface Scope {
  environment: string;
  /** undefined: the whole organisation. */
  entityRefs?: string[];
}

export type Counts = Record<DailyCount, number>;

export interface MedianStat {
  median: number | undefined;
  count: number;
}

export interface Percentiles {
  /** Per segment. */
  segments: MedianStat[];
  /** Over [B[1], B[n]): the window without the previous one. */
  window: MedianStat & { p90: number | undefined };
}

const zero = (): Counts =>
  Object.fromEntries(DAILY_COUNTS.map(c => [c, 0])) as Counts;

export const isPg = (db: Knex) => db.client.config.client === 'pg';

/**
 * `CASE WHEN col < B1 THEN 0 … END`: the segment of a value already restricted to [B0, Bn); `0`
 * when there is one segment.
 */
export function segmentCase(
  db: Knex,
  column: string,
  bounds: number[],
): Knex.Raw {
  const inner = bounds.slice(1, -1);
  if (inner.length === 0) return db.raw('0');
  const whens = inner.map((_, i) => `WHEN ?? < ? THEN ${i}`).join(' ');
  return db.raw(`CASE ${whens} ELSE ${inner.length} END`, [
    ...inner.flatMap(b => [column, b]),
  ]);
}

function segmentOf(bounds: number[], t: number): number {
  let i = 0;
  while (i < bounds.length - 2 && t >= bounds[i + 1]) i++;
  return i;
}

/** The entry of `key`, made and stored first if there is none. */
export function entryIn<T>(map: Map<string, T>, key: string, make: () => T): T {
  let entry = map.get(key);
  if (entry === undefined) {
    entry = make();
    map.set(key, entry);
  }
  return entry;
}

export function scoped(q: Knex.QueryBuilder, column: string, scope: Scope) {
  return scope.entityRefs ? q.whereIn(column, scope.entityRefs) : q;
}

/** Whole-scope reads key their one answer so; per-entity reads key by entity ref. */
export const WHOLE_SCOPE = '';

export interface SegmentCounts {
  counts: Counts[];
  successDays: Set<number>;
}

/**
 * Daily counters summed per segment, and the UTC days with a successful deployment in scope
 * (deployment days per week) from the same daily rows.
 */
export async function readSegmentCounts(
  db: Knex,
  scope: Scope,
  bounds: number[],
): Promise<SegmentCounts> {
  const keyed = await readSegmentCountsKeyed(db, scope, bounds, false);
  return keyed.get(WHOLE_SCOPE) ?? emptySegmentCounts(bounds);
}

export function emptySegmentCounts(bounds: number[]): SegmentCounts {
  return { counts: bounds.slice(1).map(zero), successDays: new Set() };
}

/**
 * readSegmentCounts, with `perEntity` each entity of the scope on its own from the same two
 * queries (grouped by entity as well): entities with no rows are absent.
 */
export async function readSegmentCountsKeyed(
  db: Knex,
  scope: Scope,
  bounds: number[],
  perEntity: boolean,
): Promise<Map<string, SegmentCounts>> {
  const out = new Map<string, SegmentCounts>();
  const entryOf = (key: string) =>
    entryIn(out, key, () => emptySegmentCounts(bounds));
  if (!perEntity) entryOf(WHOLE_SCOPE);
  const cut = new Set(bounds.filter(b => b % DAY_MS !== 0).map(b => dayOf(b)));
  const sums = DAILY_COUNTS.map(c => db.raw('sum(??) as ??', [c, c]));
  const daily = db('dora_daily')
    .select('day', ...sums)
    .where('environment', scope.environment)
    .where('day', '>=', dayOf(bounds[0]))
    .where('day', '<=', dayOf(bounds[bounds.length - 1] - 1))
    .groupBy(perEntity ? ['scope_ref', 'day'] : ['day']);
  if (perEntity) daily.select('scope_ref');
  if (scope.entityRefs) daily.whereIn('scope_ref', scope.entityRefs);
  else daily.where('scope_ref', ORG_SCOPE);

  const flag = (column: string) => `sum(CASE WHEN ${column} THEN 1 ELSE 0 END)`;
  const factSums: Record<DailyCount, string> = {
    completed: 'count(*)',
    successes: flag('success'),
    failed: flag('failed'),
    failed_status: flag('failed_status'),
    rolled_back: flag('rolled_back'),
    followed_by_rollback: flag('followed_by_rollback'),
    replaced_by_ancestor: flag('replaced_by_ancestor'),
    caused_incident: flag('caused_incident'),
    inferred_only: flag('inferred_only'),
    rework: flag('rework'),
    hotfixes: flag('hotfix'),
    restored_incident: flag('restored_incident'),
    ancestry_known: flag('ancestry_known'),
  };
  const partial =
    cut.size === 0
      ? Promise.resolve([])
      : scoped(
          db('dora_deployment_facts')
            .select(
              db.raw('? as seg', [segmentCase(db, 'finished_ms', bounds)]),
              ...DAILY_COUNTS.map(c => db.raw(`${factSums[c]} as ??`, [c])),
              ...(perEntity ? ['entity_ref'] : []),
            )
            .where('environment', scope.environment)
            .whereIn('day', [...cut])
            .where('finished_ms', '>=', bounds[0])
            .where('finished_ms', '<', bounds[bounds.length - 1])
            .groupBy(perEntity ? ['entity_ref', 'seg'] : ['seg']),
          'entity_ref',
          scope,
        );
  const [dayRows, partRows] = await Promise.all([daily, partial]);
  for (const row of dayRows) {
    const entry = entryOf(perEntity ? row.scope_ref : WHOLE_SCOPE);
    const day = Number(row.day);
    if (Number(row.successes ?? 0) > 0) entry.successDays.add(day);
    if (cut.has(day)) continue;
    const target = entry.counts[segmentOf(bounds, day * DAY_MS)];
    for (const c of DAILY_COUNTS) target[c] += Number(row[c] ?? 0);
  }
  for (const row of partRows) {
    const entry = entryOf(perEntity ? row.entity_ref : WHOLE_SCOPE);
    const target = entry.counts[Number(row.seg)];
    for (const c of DAILY_COUNTS) target[c] += Number(row[c] ?? 0);
  }
  return out;
}

export interface ValueSource {
  table: string;
  time: string;
  value: string;
}

export const toNumber = (v: unknown) =>
  v === null || v === undefined ? undefined : Number(v);

/**
 * Nearest-rank median per segment and median/p90 over the window, of `value` by `time`.
 * PostgreSQL: percentile_disc, which is nearest-rank. SQLite has no ordered-set aggregates, so
 * there the narrow (time, value) projection is read and dora-common's percentile applied.
 */
export async function readPercentiles(
  db: Knex,
  scope: Scope,
  bounds: number[],
  source: ValueSource,
): Promise<Percentiles> {
  const keyed = await readPercentilesKeyed(db, scope, bounds, source, false);
  return keyed.get(WHOLE_SCOPE) ?? emptyPercentiles(bounds);
}

export function emptyPercentiles(bounds: number[]): Percentiles {
  return {
    segments: Array.from({ length: bounds.length - 1 }, () => ({
      median: undefined,
      count: 0,
    })),
    window: { median: undefined, p90: undefined, count: 0 },
  };
}

/** readPercentiles, with `perEntity` each entity's own (grouped by entity); absent: no samples. */
export async function readPercentilesKeyed(
  db: Knex,
  scope: Scope,
  bounds: number[],
  source: ValueSource,
  perEntity: boolean,
): Promise<Map<string, Percentiles>> {
  const n = bounds.length - 1;
  const out = new Map<string, Percentiles>();
  const entryOf = (key: string) =>
    entryIn(out, key, () => emptyPercentiles(bounds));
  if (!perEntity) entryOf(WHOLE_SCOPE);
  const keyOf = (row: { entity_ref?: string }) =>
    perEntity ? row.entity_ref! : WHOLE_SCOPE;
  const base = (from: number) =>
    scoped(
      db(source.table)
        .where('environment', scope.environment)
        .whereNotNull(source.value)
        .where(source.time, '>=', from)
        .where(source.time, '<', bounds[n]),
      'entity_ref',
      scope,
    );
  if (isPg(db)) {
    const disc = (p: number) =>
      db.raw(`percentile_disc(${p}) WITHIN GROUP (ORDER BY ??)`, [
        source.value,
      ]);
    const byEntity = perEntity ? ['entity_ref'] : [];
    const [segRows, winRows] = await Promise.all([
      base(bounds[0])
        .select(
          db.raw('? as seg', [segmentCase(db, source.time, bounds)]),
          db.raw('? as median', [disc(0.5)]),
          db.raw('count(*) as n'),
          ...byEntity,
        )
        .groupBy([...byEntity, 'seg']),
      base(bounds[1])
        .select(
          db.raw('? as median', [disc(0.5)]),
          db.raw('? as p90', [disc(0.9)]),
          db.raw('count(*) as n'),
          ...byEntity,
        )
        .modify(q => {
          if (perEntity) q.groupBy('entity_ref');
        }),
    ]);
    for (const r of segRows) {
      entryOf(keyOf(r)).segments[Number(r.seg)] = {
        median: toNumber(r.median),
        count: Number(r.n),
      };
    }
    for (const r of winRows) {
      entryOf(keyOf(r)).window = {
        median: toNumber(r.median),
        p90: toNumber(r.p90),
        count: Number(r.n),
      };
    }
    return out;
  }
  const rows: { t: number; v: number; entity_ref?: string }[] = await base(
    bounds[0],
  ).select(
    db.raw('?? as t', [source.time]),
    db.raw('?? as v', [source.value]),
    ...(perEntity ? ['entity_ref'] : []),
  );
  const valuesOf = new Map<string, number[][]>();
  if (!perEntity) valuesOf.set(WHOLE_SCOPE, []);
  for (const r of rows) {
    const key = keyOf(r);
    const values = entryIn(valuesOf, key, () => []);
    (values[segmentOf(bounds, Number(r.t))] ??= []).push(Number(r.v));
  }
  for (const [key, sparse] of valuesOf) {
    const values = Array.from({ length: n }, (_, i) => sparse[i] ?? []);
    const inWindow = values.slice(1).flat();
    out.set(key, {
      segments: values.map(v => ({
        median: percentile(v, 50),
        count: v.length,
      })),
      window: {
        median: percentile(inWindow, 50),
        p90: percentile(inWindow, 90),
        count: inWindow.length,
      },
    });
  }
  return out;
}
