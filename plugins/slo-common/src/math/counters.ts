/**
 * The increase of a Prometheus counter over raw samples `[t, value]`, with
 * counter resets handled the way Prometheus does: a drop means the process
 * restarted from 0, so the new value counts in full.
 *
 * Unlike PromQL `increase()` this does not extrapolate to range boundaries:
 * rollup buckets are summed, and extrapolated increases of adjacent buckets
 * would overlap and overcount.
 *
 * Undefined with fewer than two usable samples (no increase is observable).
 * Non-finite values (Prometheus staleness markers) are skipped.
 */
export function increaseFromSamples(
  samples: Array<[number, number]>,
): number | undefined {
  const usable = samples
    .filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v))
    .sort((a, b) => a[0] - b[0]);
  if (usable.length < 2) {
    return undefined;
  }
  let increase = 0;
  for (let i = 1; i < usable.length; i++) {
    const previous = usable[i - 1][1];
    const current = usable[i][1];
    increase += current >= previous ? current - previous : current;
  }
  return increase;
}
