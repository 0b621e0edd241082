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
