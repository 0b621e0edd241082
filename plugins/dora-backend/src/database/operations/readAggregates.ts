import { DAY_MS, percentile } from '@internal/plugin-dora-common';
import { Knex } from 'knex';
import { PR_STAGES, PrStage } from './binnedValues';
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

const isPg = (db: Knex) => db.client.config.client === 'pg';

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

function scoped(q: Knex.QueryBuilder, column: string, scope: Scope) {
  return scope.entityRefs ? q.whereIn(column, scope.entityRefs) : q;
}

/**
 * Daily counters summed per segment, and the UTC days with a successful deployment in scope
 * (deployment days per week) from the same daily rows.
 */
export async function readSegmentCounts(
  db: Knex,
  scope: Scope,
  bounds: number[],
): Promise<{ counts: Counts[]; successDays: Set<number> }> {
  const result = bounds.slice(1).map(zero);
  const cut = new Set(bounds.filter(b => b % DAY_MS !== 0).map(b => dayOf(b)));
  const sums = DAILY_COUNTS.map(c => db.raw('sum(??) as ??', [c, c]));
  const daily = db('dora_daily')
    .select('day', ...sums)
    .where('environment', scope.environment)
    .where('day', '>=', dayOf(bounds[0]))
    .where('day', '<=', dayOf(bounds[bounds.length - 1] - 1))
    .groupBy('day');
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
            )
            .where('environment', scope.environment)
            .whereIn('day', [...cut])
            .where('finished_ms', '>=', bounds[0])
            .where('finished_ms', '<', bounds[bounds.length - 1])
            .groupBy('seg'),
          'entity_ref',
          scope,
        );
  const [dayRows, partRows] = await Promise.all([daily, partial]);
  const successDays = new Set<number>();
  for (const row of dayRows) {
    const day = Number(row.day);
    if (Number(row.successes ?? 0) > 0) successDays.add(day);
    if (cut.has(day)) continue;
    const target = result[segmentOf(bounds, day * DAY_MS)];
    for (const c of DAILY_COUNTS) target[c] += Number(row[c] ?? 0);
  }
  for (const row of partRows) {
    const target = result[Number(row.seg)];
    for (const c of DAILY_COUNTS) target[c] += Number(row[c] ?? 0);
  }
  return { counts: result, successDays };
}

export interface ValueSource {
  table: string;
  time: string;
  value: string;
}

const toNumber = (v: unknown) =>
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
  const n = bounds.length - 1;
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
    const [segRows, [win]] = await Promise.all([
      base(bounds[0])
        .select(
          db.raw('? as seg', [segmentCase(db, source.time, bounds)]),
          db.raw('? as median', [disc(0.5)]),
          db.raw('count(*) as n'),
        )
        .groupBy('seg'),
      base(bounds[1]).select(
        db.raw('? as median', [disc(0.5)]),
        db.raw('? as p90', [disc(0.9)]),
        db.raw('count(*) as n'),
      ),
    ]);
    const segments: MedianStat[] = Array.from({ length: n }, () => ({
      median: undefined,
      count: 0,
    }));
    for (const r of segRows) {
      segments[Number(r.seg)] = {
        median: toNumber(r.median),
        count: Number(r.n),
      };
    }
    return {
      segments,
      window: {
        median: toNumber(win.median),
        p90: toNumber(win.p90),
        count: Number(win.n),
      },
    };
  }
  const rows: { t: number; v: number }[] = await base(bounds[0]).select(
    db.raw('?? as t', [source.time]),
    db.raw('?? as v', [source.value]),
  );
  const values: number[][] = Array.from({ length: n }, () => []);
  for (const r of rows)
    values[segmentOf(bounds, Number(r.t))].push(Number(r.v));
  const inWindow = values.slice(1).flat();
  return {
    segments: values.map(v => ({ median: percentile(v, 50), count: v.length })),
    window: {
      median: percentile(inWindow, 50),
      p90: percentile(inWindow, 90),
      count: inWindow.length,
    },
  };
}

/** PR samples deployed in [from, to) and each stage's nearest-rank median. */
export async function readPrBreakdown(
  db: Knex,
  scope: Scope,
  from: number,
  to: number,
): Promise<{ pullRequests: number; stages: Record<PrStage, MedianStat> }> {
  const base = scoped(
    db('dora_pr_samples')
      .where('environment', scope.environment)
      .where('deployed_ms', '>=', from)
      .where('deployed_ms', '<', to),
    'entity_ref',
    scope,
  );
  const stages = {} as Record<PrStage, MedianStat>;
  if (isPg(db)) {
    const [row] = await base.select(
      db.raw('count(*) as n'),
      ...PR_STAGES.flatMap(s => [
        db.raw(`percentile_disc(0.5) WITHIN GROUP (ORDER BY ??) as ??`, [
          `${s}_ms`,
          `${s}_median`,
        ]),
        db.raw('count(??) as ??', [`${s}_ms`, `${s}_n`]),
      ]),
    );
    for (const s of PR_STAGES) {
      stages[s] = {
        median: toNumber(row[`${s}_median`]),
        count: Number(row[`${s}_n`]),
      };
    }
    return { pullRequests: Number(row.n), stages };
  }
  const rows = await base.select(...PR_STAGES.map(s => `${s}_ms`));
  for (const s of PR_STAGES) {
    const values = rows
      .map((r: Record<string, unknown>) => toNumber(r[`${s}_ms`]))
      .filter((v: number | undefined): v is number => v !== undefined);
    stages[s] = { median: percentile(values, 50), count: values.length };
  }
  return { pullRequests: rows.length, stages };
}
