import { percentile } from '@internal/plugin-dora-common';
import { Knex } from 'knex';
import { PR_STAGES, PrStage } from './binnedValues';
import {
  MedianStat,
  Scope,
  WHOLE_SCOPE,
  entryIn,
  isPg,
  scoped,
  toNumber,
} from './readAggregates';

export interface PrBreakdown {
  pullRequests: number;
  stages: Record<PrStage, MedianStat>;
}

/** PR samples deployed in [from, to) and each stage's nearest-rank median. */
export async function readPrBreakdown(
  db: Knex,
  scope: Scope,
  from: number,
  to: number,
): Promise<PrBreakdown> {
  const keyed = await readPrBreakdownKeyed(db, scope, from, to, false);
  return keyed.get(WHOLE_SCOPE) ?? emptyPrBreakdown();
}

export function emptyPrBreakdown(): PrBreakdown {
  return {
    pullRequests: 0,
    stages: Object.fromEntries(
      PR_STAGES.map(s => [s, { median: undefined, count: 0 }]),
    ) as Record<PrStage, MedianStat>,
  };
}

/** readPrBreakdown, with `perEntity` each entity's own; absent: no samples. */
export async function readPrBreakdownKeyed(
  db: Knex,
  scope: Scope,
  from: number,
  to: number,
  perEntity: boolean,
): Promise<Map<string, PrBreakdown>> {
  const base = scoped(
    db('dora_pr_samples')
      .where('environment', scope.environment)
      .where('deployed_ms', '>=', from)
      .where('deployed_ms', '<', to),
    'entity_ref',
    scope,
  );
  const keyOf = (row: { entity_ref?: string }) =>
    perEntity ? row.entity_ref! : WHOLE_SCOPE;
  const out = new Map<string, PrBreakdown>();
  if (isPg(db)) {
    const rows = await base
      .select(
        db.raw('count(*) as n'),
        ...PR_STAGES.flatMap(s => [
          db.raw(`percentile_disc(0.5) WITHIN GROUP (ORDER BY ??) as ??`, [
            `${s}_ms`,
            `${s}_median`,
          ]),
          db.raw('count(??) as ??', [`${s}_ms`, `${s}_n`]),
        ]),
        ...(perEntity ? ['entity_ref'] : []),
      )
      .modify(q => {
        if (perEntity) q.groupBy('entity_ref');
      });
    for (const row of rows) {
      const stages = {} as Record<PrStage, MedianStat>;
      for (const s of PR_STAGES) {
        stages[s] = {
          median: toNumber(row[`${s}_median`]),
          count: Number(row[`${s}_n`]),
        };
      }
      out.set(keyOf(row), { pullRequests: Number(row.n), stages });
    }
    return out;
  }
  const rows: Record<string, unknown>[] = await base.select(
    ...PR_STAGES.map(s => `${s}_ms`),
    ...(perEntity ? ['entity_ref'] : []),
  );
  const rowsOf = new Map<string, Record<string, unknown>[]>();
  if (!perEntity) rowsOf.set(WHOLE_SCOPE, []);
  for (const r of rows) {
    const key = keyOf(r as { entity_ref?: string });
    entryIn(rowsOf, key, () => []).push(r);
  }
  for (const [key, own] of rowsOf) {
    const stages = {} as Record<PrStage, MedianStat>;
    for (const s of PR_STAGES) {
      const values = own
        .map(r => toNumber(r[`${s}_ms`]))
        .filter((v): v is number => v !== undefined);
      stages[s] = { median: percentile(values, 50), count: values.length };
    }
    out.set(key, { pullRequests: own.length, stages });
  }
  return out;
}
