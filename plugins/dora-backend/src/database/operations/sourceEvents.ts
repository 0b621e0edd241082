import { Knex } from 'knex';
import { compareText } from '../queries';

/** How the source routes answered events: counted per source and outcome. */
export type SourceOutcome = {
  source: string;
  /** `attributed`, `ignored:<reason code>` or `refused`. */
  outcome: string;
  n: number;
};

/** Adds today's counts; concurrent deliveries add up (the upsert sums). */
export async function countSourceEvents(
  db: Knex,
  day: number,
  outcomes: SourceOutcome[],
): Promise<void> {
  const rows = outcomes
    .filter(o => o.n > 0)
    .sort((a, b) => compareText(a.source + a.outcome, b.source + b.outcome))
    .map(o => ({ day, ...o }));
  if (rows.length === 0) return;
  await db('dora_source_events')
    .insert(rows)
    .onConflict(['day', 'source', 'outcome'])
    .merge({ n: db.raw('?? + ??', ['dora_source_events.n', 'excluded.n']) });
}

/** Sums per source and outcome over the days `[fromDay, toDay]`. */
export async function readSourceEvents(
  db: Knex,
  fromDay: number,
  toDay: number,
): Promise<SourceOutcome[]> {
  const rows: { source: string; outcome: string; n: unknown }[] = await db(
    'dora_source_events',
  )
    .select('source', 'outcome', db.raw('sum(n) as n'))
    .whereBetween('day', [fromDay, toDay])
    .groupBy('source', 'outcome')
    .orderBy([{ column: 'source' }, { column: 'outcome' }]);
  return rows.map(r => ({
    source: String(r.source),
    outcome: String(r.outcome),
    n: Number(r.n),
  }));
}

/** Whether a GitHub delivery id was processed before. */
export async function hasDelivery(db: Knex, id: string): Promise<boolean> {
  return !!(await db('dora_github_deliveries')
    .where('delivery_id', id)
    .first('delivery_id'));
}

/** Remembers a processed delivery; a concurrent duplicate is a no-op. */
export async function recordDelivery(
  db: Knex,
  id: string,
  now: number,
): Promise<void> {
  await db('dora_github_deliveries')
    .insert({ delivery_id: id, received_ms: now })
    .onConflict('delivery_id')
    .ignore();
}

/**
 * Retention of the sources' bookkeeping: delivery ids received before `deliveriesBeforeMs`
 * (GitHub re-delivers within days; a later re-delivery is still stored once, ingest being
 * idempotent) and daily counts of days before `countsBeforeDay`.
 */
export async function deleteSourceBookkeeping(
  db: Knex,
  deliveriesBeforeMs: number,
  countsBeforeDay: number,
): Promise<{ deliveries: number; sourceEventDays: number }> {
  const deliveries = await db('dora_github_deliveries')
    .where('received_ms', '<', deliveriesBeforeMs)
    .delete();
  const sourceEventDays = await db('dora_source_events')
    .where('day', '<', countsBeforeDay)
    .delete();
  return { deliveries, sourceEventDays };
}
