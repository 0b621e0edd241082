import { Knex } from 'knex';
import { chunks, keyChunks, whereAnyOf } from '../queries';
import { refreshFacts } from './refreshFacts';

type QueueRow = { entity_ref: string; generation: number };

// Any constant: serialises refresh passes across backend instances sharing the database.
const REFRESH_LOCK = 0x646f7261;

/** Queues entities for re-derivation, inside the ingesting transaction. */
export async function queueRefresh(
  trx: Knex.Transaction,
  entityRefs: Set<string>,
): Promise<void> {
  // Sorted, so two ingests queueing overlapping entities lock their rows in the same order.
  for (const part of chunks([...entityRefs].sort(), 500)) {
    await trx('dora_refresh_queue')
      .insert(part.map(entity_ref => ({ entity_ref, generation: 1 })))
      .onConflict('entity_ref')
      .merge({
        generation: trx.raw('?? + 1', ['dora_refresh_queue.generation']),
      });
  }
}

export async function hasQueuedRefresh(db: Knex): Promise<boolean> {
  return !!(await db('dora_refresh_queue').first('entity_ref'));
}

/**
 * How many entities wait for re-derivation: among `entityRefs` (already normalised) when given,
 * else across the organisation. The queue holds only what ingest touched since the last pass, so
 * counting it is cheap at any scope.
 */
export async function countQueued(
  db: Knex,
  entityRefs?: string[],
): Promise<number> {
  if (!entityRefs) {
    const [row] = await db('dora_refresh_queue').count({ n: '*' });
    return Number(row.n);
  }
  let total = 0;
  for (const part of chunks([...new Set(entityRefs)], 500)) {
    const [row] = await db('dora_refresh_queue')
      .whereIn('entity_ref', part)
      .count({ n: '*' });
    total += Number(row.n);
  }
  return total;
}

/** countQueued of each entity alone (normalised refs), in reads of 500: keyed by ref. */
export async function countQueuedPerEntity(
  db: Knex,
  entityRefs: string[],
): Promise<Map<string, number>> {
  const out = new Map(entityRefs.map(r => [r, 0]));
  for (const part of chunks([...new Set(entityRefs)], 500)) {
    const rows = await db('dora_refresh_queue')
      .whereIn('entity_ref', part)
      .select('entity_ref')
      .count({ n: '*' })
      .groupBy('entity_ref');
    for (const row of rows as { entity_ref: string; n: string | number }[]) {
      out.set(row.entity_ref, Number(row.n));
    }
  }
  return out;
}

/**
 * Deployments whose entities one refresh transaction derives together, at most: a transaction
 * holds its entities' whole histories (and their derived rows) in memory, so a queue filled by a
 * backfill or the demo seed is derived a few services at a time rather than all at once. An
 * entity with more deployments than this is derived alone: its facts are a function of its
 * whole history.
 */
export const REFRESH_DEPLOYMENT_CEILING = 1000;

/** The first queued rows whose deployments sum to at most `ceiling` (at least one row). */
async function withinCeiling(
  trx: Knex.Transaction,
  rows: QueueRow[],
  ceiling: number,
): Promise<QueueRow[]> {
  const counts = new Map<string, number>();
  for (const part of keyChunks(
    trx,
    rows.map(r => r.entity_ref),
  )) {
    const found = (await whereAnyOf(trx('deployments'), 'entity_ref', part)
      .select('entity_ref')
      .count({ n: '*' })
      .groupBy('entity_ref')) as { entity_ref: string; n: string | number }[];
    for (const row of found) counts.set(row.entity_ref, Number(row.n));
  }
  const taken: QueueRow[] = [];
  let total = 0;
  for (const row of rows) {
    const n = counts.get(row.entity_ref) ?? 0;
    if (taken.length > 0 && total + n > ceiling) break;
    taken.push(row);
    total += n;
  }
  return taken;
}

/**
 * Re-derives queued entities until the queue is empty, at most `batchSize` per transaction and
 * {@link REFRESH_DEPLOYMENT_CEILING} deployments' worth; returns how many entity refreshes ran.
 * Each transaction recomputes the facts (and incident links) of its entities and then dequeues
 * those whose generation it read.
 */
export async function refreshQueued(
  db: Knex,
  batchSize = 200,
  deploymentCeiling = REFRESH_DEPLOYMENT_CEILING,
): Promise<number> {
  let refreshed = 0;
  for (;;) {
    // The scheduled drain runs every few seconds and almost always finds the queue empty: one
    // read then, not a transaction and an advisory lock.
    if (!(await hasQueuedRefresh(db))) return refreshed;
    const count = await db.transaction(async trx => {
      if (trx.client.config.client === 'pg') {
        await trx.raw('SELECT pg_advisory_xact_lock(?)', [REFRESH_LOCK]);
      }
      const queued: QueueRow[] = await trx('dora_refresh_queue')
        .select('entity_ref', 'generation')
        .orderBy('entity_ref')
        .limit(batchSize);
      if (queued.length === 0) return 0;
      const rows = await withinCeiling(trx, queued, deploymentCeiling);
      const refs = new Set(rows.map(r => r.entity_ref));
      await refreshFacts(trx, refs);
      // Last, so the queue rows an ingest may want to bump stay locked only briefly.
      for (const row of rows) {
        await trx('dora_refresh_queue')
          .where({
            entity_ref: row.entity_ref,
            generation: Number(row.generation),
          })
          .delete();
      }
      return rows.length;
    });
    if (count === 0) return refreshed;
    refreshed += count;
  }
}
