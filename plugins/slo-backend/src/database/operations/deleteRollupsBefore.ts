import { InputError } from '@backstage/errors';
import { Knex } from 'knex';

const DAY = 86400;

export interface DeletedRollups {
  buckets: number;
  hours: number;
  days: number;
}

/**
 * Deletes every bucket, hourly and daily sum that starts before `cutoff` (a UTC midnight, so
 * no hour or day keeps a sum of buckets that are gone). One SLO per statement, each its own
 * transaction: a retention pass over many SLOs never blocks the collector's writes for long.
 */
export async function deleteRollupsBefore(
  db: Knex,
  cutoff: number,
): Promise<DeletedRollups> {
  if (!Number.isInteger(cutoff) || cutoff % DAY !== 0) {
    throw new InputError(`cutoff: must be a UTC midnight, got ${cutoff}`);
  }
  return {
    buckets: await deleteBySlo(db, 'slo_rollups', 'bucket_start', cutoff),
    hours: await deleteBySlo(db, 'slo_rollups_hourly', 'hour_start', cutoff),
    days: await deleteBySlo(db, 'slo_rollups_daily', 'day_start', cutoff),
  };
}

async function deleteBySlo(
  db: Knex,
  table: string,
  column: string,
  cutoff: number,
): Promise<number> {
  const ids: Array<{ slo_id: string }> = await db(table)
    .distinct('slo_id')
    .where(column, '<', cutoff);
  let deleted = 0;
  // One SLO per statement, along the primary key (slo_id, start).
  for (const { slo_id } of ids) {
    deleted += await db(table)
      .where('slo_id', slo_id)
      .andWhere(column, '<', cutoff)
      .delete();
  }
  return deleted;
}
