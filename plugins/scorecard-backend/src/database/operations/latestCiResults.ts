import { Knex } from 'knex';
import type { CiResult } from '../types';
import { CI, CiRow, fromCiRow } from '../rows';

/** ScorecardStore.latestCiResults: the newest pushed result of each (entity, check). */
export async function latestCiResults(
  db: Knex,
  entityRefs?: string[],
): Promise<CiResult[]> {
  const newest = db<CiRow>(CI)
    .groupBy('entity_ref', 'check_id')
    .select('entity_ref', 'check_id')
    .max({ max_at: 'reported_at' })
    .as('newest');
  const query = db<CiRow>(`${CI} as c`)
    .join(newest, join =>
      join
        .on('c.entity_ref', '=', 'newest.entity_ref')
        .andOn('c.check_id', '=', 'newest.check_id')
        .andOn('c.reported_at', '=', 'newest.max_at'),
    )
    .select('c.*')
    // Two runs reporting at the same instant: the larger run id wins, on every engine.
    .orderBy('c.run_id', 'desc');
  if (entityRefs) query.whereIn('c.entity_ref', entityRefs);
  const seen = new Set<string>();
  const out: CiResult[] = [];
  for (const row of await query) {
    const key = `${row.entity_ref}\n${row.check_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(fromCiRow(row));
  }
  return out;
}
