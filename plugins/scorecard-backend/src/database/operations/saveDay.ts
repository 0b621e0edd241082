import { Knex } from 'knex';
import type { StoredDay } from '../types';
import { DAYS, DayRow, toDayRow } from '../rows';

/** ScorecardStore.saveDay: writes the day's row unless the stored one has the same inputs. */
export async function saveDay(db: Knex, day: StoredDay): Promise<boolean> {
  const existing = await db<DayRow>(DAYS)
    .where({ entity_ref: day.entityRef, day: day.day })
    .first('inputs_hash');
  if (existing?.inputs_hash === day.inputsHash) return false;
  await db<DayRow>(DAYS)
    .insert(toDayRow(day))
    .onConflict(['entity_ref', 'day'])
    .merge();
  return true;
}

/** Rows per statement: 11 bindings a row stays far below SQLite's and PostgreSQL's limits. */
const CHUNK = 200;

/**
 * ScorecardStore.saveDays: saveDay for many rows, one read and at most one write per chunk of
 * 200 rather than a read per row. Answers the entity refs whose rows were written.
 */
export async function saveDays(
  db: Knex,
  days: StoredDay[],
): Promise<Set<string>> {
  const written = new Set<string>();
  // One statement may not upsert a key twice (PostgreSQL refuses): the last row of a key wins.
  const unique = [
    ...new Map(days.map(d => [`${d.day} ${d.entityRef}`, d])).values(),
  ];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    const byDay = new Map<string, StoredDay[]>();
    for (const d of chunk) byDay.set(d.day, [...(byDay.get(d.day) ?? []), d]);
    const changed: StoredDay[] = [];
    for (const [day, rows] of byDay) {
      const stored = new Map(
        (
          await db<DayRow>(DAYS)
            .where({ day })
            .whereIn(
              'entity_ref',
              rows.map(r => r.entityRef),
            )
            .select('entity_ref', 'inputs_hash')
        ).map(r => [r.entity_ref, r.inputs_hash]),
      );
      changed.push(
        ...rows.filter(r => stored.get(r.entityRef) !== r.inputsHash),
      );
    }
    if (changed.length === 0) continue;
    await db<DayRow>(DAYS)
      .insert(changed.map(toDayRow))
      .onConflict(['entity_ref', 'day'])
      .merge();
    changed.forEach(r => written.add(r.entityRef));
  }
  return written;
}
