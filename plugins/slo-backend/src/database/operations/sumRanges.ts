import { Knex } from 'knex';
import { Granularity, RangePiece, splitRange } from '../splitRange';

/** Sums over one range of bucket starts; `lastBucket` is the newest bucket start in it. */
export interface RangeSum {
  good: number;
  total: number;
  lastBucket: number | undefined;
}

export interface RangeRequest {
  sloId: string;
  /** Half-open ranges [from, to) of bucket starts, epoch seconds. */
  ranges: Array<{ from: number; to: number }>;
}

const TABLES: Record<
  Granularity,
  { table: string; start: string; last: string }
> = {
  bucket: { table: 'slo_rollups', start: 'bucket_start', last: 'bucket_start' },
  hour: {
    table: 'slo_rollups_hourly',
    start: 'hour_start',
    last: 'last_bucket',
  },
  day: { table: 'slo_rollups_daily', start: 'day_start', last: 'last_bucket' },
};

// Well under the bound-variable limits of both SQLite (32,766) and Postgres (65,535).
const IDS_PER_QUERY = 900;

type PieceRow = {
  slo_id: string;
  good: number | string | null;
  total: number | string | null;
  last: number | string | null;
};

/**
 * Good and total sums over many ranges for many SLOs at once. Each range is split into
 * 5-minute edges, whole hours and whole days (see {@link splitRange}); SLOs sharing a piece
 * (every SLO evaluated at the same `now` shares most of them) share one GROUP BY query, so the
 * number of queries depends on the distinct ranges, not on the number of SLOs.
 *
 * An SLO without rows in a range gets zero sums and no `lastBucket`, exactly as summing the
 * missing buckets would.
 */
export async function sumRanges(
  db: Knex,
  requests: RangeRequest[],
  bucketSeconds: number,
): Promise<Map<string, RangeSum[]>> {
  const pieces = new Map<string, { piece: RangePiece; sloIds: Set<string> }>();
  const splits = new Map<string, string[]>();
  const plan = requests.map(request =>
    request.ranges.map(range => {
      const rangeKey = `${range.from}:${range.to}`;
      let keys = splits.get(rangeKey);
      if (!keys) {
        keys = splitRange(range.from, range.to, bucketSeconds).map(piece => {
          const key = `${piece.granularity}:${piece.from}:${piece.to}`;
          if (!pieces.has(key)) pieces.set(key, { piece, sloIds: new Set() });
          return key;
        });
        splits.set(rangeKey, keys);
      }
      for (const key of keys) pieces.get(key)!.sloIds.add(request.sloId);
      return keys;
    }),
  );

  const sums = new Map<string, Map<string, RangeSum>>();
  await Promise.all(
    [...pieces].map(async ([key, { piece, sloIds }]) => {
      const { table, start, last } = TABLES[piece.granularity];
      const ids = [...sloIds];
      const bySlo = new Map<string, RangeSum>();
      sums.set(key, bySlo);
      for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
        const rows: PieceRow[] = await db(table)
          .select('slo_id')
          .sum({ good: 'good', total: 'total' })
          .max({ last })
          .whereIn('slo_id', ids.slice(i, i + IDS_PER_QUERY))
          .andWhere(start, '>=', piece.from)
          .andWhere(start, '<', piece.to)
          .groupBy('slo_id');
        // Postgres returns SUM/MAX of bigint as strings.
        for (const row of rows) {
          bySlo.set(row.slo_id, {
            good: Number(row.good ?? 0),
            total: Number(row.total ?? 0),
            lastBucket: row.last === null ? undefined : Number(row.last),
          });
        }
      }
    }),
  );

  const result = new Map<string, RangeSum[]>();
  requests.forEach((request, r) => {
    result.set(
      request.sloId,
      plan[r].map(keys => {
        const sum: RangeSum = { good: 0, total: 0, lastBucket: undefined };
        for (const key of keys) {
          const part = sums.get(key)!.get(request.sloId);
          if (!part) continue;
          sum.good += part.good;
          sum.total += part.total;
          if (part.lastBucket !== undefined) {
            sum.lastBucket = Math.max(
              sum.lastBucket ?? -Infinity,
              part.lastBucket,
            );
          }
        }
        return sum;
      }),
    );
  });
  return result;
}
