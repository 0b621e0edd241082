/** Rollup granularities, finest first; each length divides the next. */
export const BUCKET = 300;
export const HOUR = 3600;
export const DAY = 86400;

export type Granularity = 'bucket' | 'hour' | 'day';

/** A half-open range of row starts [from, to) in one rollup table. */
export interface RangePiece {
  granularity: Granularity;
  from: number;
  to: number;
}

const floorTo = (t: number, step: number) => Math.floor(t / step) * step;
const ceilTo = (t: number, step: number) => Math.ceil(t / step) * step;

/**
 * Splits the range of bucket starts [from, to) (any epoch seconds) into bucket edges, whole
 * UTC hours and whole UTC days, so a sum over it reads at most ~11 + 23 + days + 23 + 11 rows
 * (with 5-minute buckets).
 *
 * Buckets start at multiples of `bucket` (which divides an hour), so a bucket is in [from, to)
 * exactly when its start is in [ceil(from), ceil(to)); the pieces cover that aligned range with
 * no overlap. Pieces are oldest first and never empty.
 */
export function splitRange(
  from: number,
  to: number,
  bucket: number = BUCKET,
): RangePiece[] {
  const a = ceilTo(from, bucket);
  const b = ceilTo(to, bucket);
  if (!(a < b)) return [];
  const pieces: RangePiece[] = [];
  const add = (granularity: Granularity, f: number, t: number) => {
    if (f < t) pieces.push({ granularity, from: f, to: t });
  };
  const h1 = ceilTo(a, HOUR);
  const h2 = floorTo(b, HOUR);
  if (h1 >= h2) {
    add('bucket', a, b);
    return pieces;
  }
  add('bucket', a, h1);
  const d1 = ceilTo(h1, DAY);
  const d2 = floorTo(h2, DAY);
  if (d1 >= d2) {
    add('hour', h1, h2);
  } else {
    add('hour', h1, d1);
    add('day', d1, d2);
    add('hour', d2, h2);
  }
  add('bucket', h2, b);
  return pieces;
}
