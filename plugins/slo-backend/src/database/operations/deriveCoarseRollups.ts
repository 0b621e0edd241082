import { Knex } from 'knex';
import { DAY, HOUR } from '../splitRange';

/** The bucket starts one SLO's write touched: first ≤ last. */
export interface TouchedRange {
  sloId: string;
  first: number;
  last: number;
}

// Well under the bound-variable limits of both SQLite (32,766) and Postgres (65,535).
const IDS_PER_STATEMENT = 900;

// `x - ((x % n) + n) % n` floors to a multiple of n in both SQLite and Postgres, whose % keeps
// the sign of x (plain `x - x % n` would round negative epochs up).
const floorSql = (column: string, seconds: number) =>
  `${column} - (((${column} % ${seconds}) + ${seconds}) % ${seconds})`;

const floorTo = (t: number, step: number) => Math.floor(t / step) * step;

function groupBySpan(
  touched: TouchedRange[],
  step: number,
): Array<{ from: number; to: number; sloIds: string[] }> {
  const groups = new Map<
    string,
    { from: number; to: number; sloIds: string[] }
  >();
  for (const t of touched) {
    const from = floorTo(t.first, step);
    const to = floorTo(t.last, step) + step;
    const key = `${from}:${to}`;
    const group = groups.get(key) ?? { from, to, sloIds: [] };
    groups.set(key, group);
    group.sloIds.push(t.sloId);
  }
  return [...groups.values()];
}

/**
 * Re-derives the hourly and daily sums over the hours and days the written buckets fall in,
 * from the rows now stored, so a replaced or late bucket is counted once. Run it in the
 * transaction that wrote the buckets. SLOs whose writes span the same hours share a statement:
 * a steady collection cycle re-derives one hour and one day for every SLO in a few statements.
 */
export async function deriveCoarseRollups(
  tx: Knex | Knex.Transaction,
  touched: TouchedRange[],
): Promise<void> {
  const derive = async (
    sql: (placeholders: string) => string,
    groups: Array<{ from: number; to: number; sloIds: string[] }>,
  ) => {
    for (const { from, to, sloIds } of groups) {
      for (let i = 0; i < sloIds.length; i += IDS_PER_STATEMENT) {
        const ids = sloIds.slice(i, i + IDS_PER_STATEMENT);
        await tx.raw(sql(ids.map(() => '?').join(', ')), [...ids, from, to]);
      }
    }
  };
  // The SELECTs have a WHERE clause, which SQLite needs to parse INSERT … SELECT … ON CONFLICT.
  await derive(
    ids => `INSERT INTO slo_rollups_hourly (slo_id, hour_start, good, total, last_bucket)
      SELECT slo_id, ${floorSql('bucket_start', HOUR)},
             SUM(good), SUM(total), MAX(bucket_start)
      FROM slo_rollups
      WHERE slo_id IN (${ids}) AND bucket_start >= ? AND bucket_start < ?
      GROUP BY slo_id, ${floorSql('bucket_start', HOUR)}
      ON CONFLICT (slo_id, hour_start) DO UPDATE SET
        good = excluded.good, total = excluded.total, last_bucket = excluded.last_bucket`,
    groupBySpan(touched, HOUR),
  );
  await derive(
    ids => `INSERT INTO slo_rollups_daily (slo_id, day_start, good, total, last_bucket)
      SELECT slo_id, ${floorSql('hour_start', DAY)},
             SUM(good), SUM(total), MAX(last_bucket)
      FROM slo_rollups_hourly
      WHERE slo_id IN (${ids}) AND hour_start >= ? AND hour_start < ?
      GROUP BY slo_id, ${floorSql('hour_start', DAY)}
      ON CONFLICT (slo_id, day_start) DO UPDATE SET
        good = excluded.good, total = excluded.total, last_bucket = excluded.last_bucket`,
    groupBySpan(touched, DAY),
  );
}
