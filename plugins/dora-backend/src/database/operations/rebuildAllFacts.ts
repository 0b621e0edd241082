import { Knex } from 'knex';
import { chunks } from '../queries';
import { refreshFacts } from './refreshFacts';

/**
 * Derives the facts of every entity when events exist but no facts do: after the migration that
 * added the derived tables, or after they were dropped. Entities are refreshed in transactions of
 * 50 so a large history does not build one huge transaction.
 */
export async function rebuildAllFacts(db: Knex): Promise<void> {
  const hasEvents = await db('deployments').first('id');
  const hasFacts = await db('dora_daily').first('day');
  if (!hasEvents || hasFacts) return;
  const refs: string[] = (
    await db('deployments').distinct('entity_ref').orderBy('entity_ref')
  ).map((r: { entity_ref: string }) => r.entity_ref);
  for (const part of chunks(refs, 50)) {
    await db.transaction(trx => refreshFacts(trx, new Set(part)));
  }
}
