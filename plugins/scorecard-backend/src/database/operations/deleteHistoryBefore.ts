import { Knex } from 'knex';
import { CI, CiRow, DAYS, DayRow } from '../rows';

/**
 * ScorecardStore.deleteHistoryBefore: day rows and CI results before the cut-off, except what
 * answers about days from the cut-off on still read (each entity's newest day row before it,
 * each (entity, check)'s newest result).
 */
export async function deleteHistoryBefore(
  db: Knex,
  cutoffDay: string,
  options: { daysPerChunk?: number; runsPerChunk?: number } = {},
): Promise<{ days: number; ciResults: number }> {
  const daysPerChunk = options.daysPerChunk ?? 7;
  const runsPerChunk = options.runsPerChunk ?? 200;
  let days = 0;
  // A cursor over the distinct days before the cut-off (a few strings a statement, never the
  // rows): the carried-over newest rows stay, so their days come back on the next run.
  for (let after = ''; ; ) {
    const chunk = (
      await db<DayRow>(DAYS)
        .distinct('day')
        .where('day', '<', cutoffDay)
        .andWhere('day', '>', after)
        .orderBy('day', 'asc')
        .limit(daysPerChunk)
    ).map(r => r.day);
    if (chunk.length === 0) break;
    after = chunk[chunk.length - 1];
    // A row goes only when the same entity has a newer one before the cut-off day: each
    // entity's last row before it stays, as campaign burn-ups from the cut-off carry it over.
    days += await db(DAYS)
      .whereIn('day', chunk)
      .whereExists(q =>
        q
          .select(db.raw('1'))
          .from(`${DAYS} as n`)
          .whereRaw('n.entity_ref = ??', [`${DAYS}.entity_ref`])
          .andWhereRaw('n.day > ??', [`${DAYS}.day`])
          .andWhere('n.day', '<', cutoffDay),
      )
      .delete();
  }

  let ciResults = 0;
  const cutoffAt = `${cutoffDay}T00:00:00.000Z`;
  for (let after = ''; ; ) {
    const chunk = (
      await db<CiRow>(CI)
        .distinct('run_id')
        .where('reported_at', '<', cutoffAt)
        .andWhere('run_id', '>', after)
        .orderBy('run_id', 'asc')
        .limit(runsPerChunk)
    ).map(r => r.run_id);
    if (chunk.length === 0) break;
    after = chunk[chunk.length - 1];
    // Kept: the result latestCiResults would pick (newest, then the larger run id).
    ciResults += await db(CI)
      .whereIn('run_id', chunk)
      .andWhere('reported_at', '<', cutoffAt)
      .whereExists(q =>
        q
          .select(db.raw('1'))
          .from(`${CI} as n`)
          .whereRaw('n.entity_ref = ??', [`${CI}.entity_ref`])
          .andWhereRaw('n.check_id = ??', [`${CI}.check_id`])
          .andWhere(w =>
            w
              .whereRaw('n.reported_at > ??', [`${CI}.reported_at`])
              .orWhere(w2 =>
                w2
                  .whereRaw('n.reported_at = ??', [`${CI}.reported_at`])
                  .andWhereRaw('n.run_id > ??', [`${CI}.run_id`]),
              ),
          ),
      )
      .delete();
  }
  return { days, ciResults };
}
