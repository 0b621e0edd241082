/**
 * Nearest-rank percentile: the value at 1-based rank `ceil(p/100 × n)` of the
 * ascending sample, or `undefined` for an empty sample.
 *
 * @remarks
 * Chosen because it always returns an observed value and equals PostgreSQL's
 * `percentile_disc(p/100) WITHIN GROUP (ORDER BY x)`, so the SQL rollups can
 * match it exactly. The rank is computed as `ceil((p × n) / 100)` in integer
 * arithmetic for integral `p`, which avoids `0.7 × 10 = 7.000000000000001`
 * style rounding; for p = 50 and p = 90 this agrees with the float8
 * computation PostgreSQL performs (asserted in the tests).
 *
 * @param values - sample; not modified
 * @param p - percentile in (0, 100]
 * @public
 */
export function percentile(
  values: readonly number[],
  p: number,
): number | undefined {
  if (!(p > 0 && p <= 100)) {
    throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  }
  if (values.length === 0) {
    return undefined;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[rank - 1];
}

/**
 * Median as the nearest-rank 50th percentile: the lower of the two middle
 * values for an even count (never their mean), matching
 * `percentile_disc(0.5)`.
 *
 * @public
 */
export function median(values: readonly number[]): number | undefined {
  return percentile(values, 50);
}

/**
 * `numerator / denominator`, or `undefined` when there is nothing to divide
 * by, so "no data" can never surface as `NaN`.
 */
export function ratio(
  numerator: number,
  denominator: number,
): number | undefined {
  return denominator === 0 ? undefined : numerator / denominator;
}
