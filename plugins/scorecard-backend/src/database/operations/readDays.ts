import { Knex } from 'knex';
import type { LevelId } from '@internal/plugin-scorecard-common';
import type { DayFilter, StoredDay } from '../types';
import { DAYS, DayRow, fromDayRow } from '../rows';

export async function getDay(
  db: Knex,
  entityRef: string,
  day: string,
): Promise<StoredDay | undefined> {
  const row = await db<DayRow>(DAYS)
    .where({ entity_ref: entityRef, day })
    .first();
  return row ? fromDayRow(row) : undefined;
}

/** ScorecardStore.listAsOf: each entity's row of the newest day at or before `day`. */
export async function listAsOf(
  db: Knex,
  day: string,
  filter: DayFilter = {},
): Promise<StoredDay[]> {
  const newest = db<DayRow>(DAYS)
    .where('day', '<=', day)
    .groupBy('entity_ref')
    .select('entity_ref')
    .max({ max_day: 'day' })
    .as('newest');
  const query = db<DayRow>(`${DAYS} as d`)
    .join(newest, join =>
      join
        .on('d.entity_ref', '=', 'newest.entity_ref')
        .andOn('d.day', '=', 'newest.max_day'),
    )
    .select('d.*');
  if (filter.owners) query.whereIn('d.owner', filter.owners);
  if (filter.system) query.where('d.system', filter.system);
  if (filter.entityRefs) query.whereIn('d.entity_ref', filter.entityRefs);
  query.orderBy('d.entity_ref', 'asc');
  return (await query).map(fromDayRow);
}

/** Each entity's newest level, read without its results. */
export async function listLatestLevels(
  db: Knex,
): Promise<{ entityRef: string; level: LevelId | null }[]> {
  const newest = db<DayRow>(DAYS)
    .groupBy('entity_ref')
    .select('entity_ref')
    .max({ max_day: 'day' })
    .as('newest');
  const rows: { entity_ref: string; level: string | null }[] = await db<DayRow>(
    `${DAYS} as d`,
  )
    .join(newest, join =>
      join
        .on('d.entity_ref', '=', 'newest.entity_ref')
        .andOn('d.day', '=', 'newest.max_day'),
    )
    .select('d.entity_ref', 'd.level')
    .orderBy('d.entity_ref', 'asc');
  return rows.map(r => ({
    entityRef: r.entity_ref,
    level: (r.level as LevelId | null) ?? null,
  }));
}

/** Every entity's rows from `fromDay` on, plus each one's last row before it (to carry over). */
export async function historyOfAll(
  db: Knex,
  fromDay: string,
): Promise<StoredDay[]> {
  const [before, since] = await Promise.all([
    listAsOf(db, dayBeforeDay(fromDay)),
    db<DayRow>(DAYS).where('day', '>=', fromDay).orderBy('day', 'asc'),
  ]);
  return [...before, ...since.map(fromDayRow)];
}

export async function history(
  db: Knex,
  entityRef: string,
  fromDay: string,
): Promise<StoredDay[]> {
  const rows = await db<DayRow>(DAYS)
    .where({ entity_ref: entityRef })
    .andWhere('day', '>=', fromDay)
    .orderBy('day', 'asc');
  return rows.map(fromDayRow);
}

function dayBeforeDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86400_000)
    .toISOString()
    .slice(0, 10);
}
