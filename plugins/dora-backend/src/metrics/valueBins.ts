/*
 * Log-scale bins for durations, so the org-wide median and p90 of a million samples need not
 * sort them: daily counts per bin locate the bin holding the wanted rank, and only that bin's
 * samples are read and ordered. The result is the exact nearest-rank value, not an estimate.
 */

/** Sub-bins per power of two: a bin spans at most 1/16 (6.25 %) of its lower bound. */
export const BINS_PER_OCTAVE = 16;

function positiveBin(v: number): number {
  let e = Math.floor(Math.log2(v));
  // Math.log2 may round across a power of two; these make the exponent exact.
  while (2 ** e > v) e--;
  while (2 ** (e + 1) <= v) e++;
  // Division by a power of two is exact, so the sub-bin is too.
  const sub = Math.floor((v / 2 ** e - 1) * BINS_PER_OCTAVE);
  return 1 + e * BINS_PER_OCTAVE + sub;
}

/**
 * The bin of a duration in ms: monotone (a ≤ b implies binOf(a) ≤ binOf(b)), 0 for (-1, 1),
 * negative durations (clock skew between sources) mirrored below 0.
 */
export function binOf(v: number): number {
  if (v >= 1) return positiveBin(v);
  if (v <= -1) return -positiveBin(-v);
  return 0;
}

/**
 * The octave of a bin: its power of two (the BINS_PER_OCTAVE bins of one octave share it), signed
 * like the bin, 0 for bin 0. Monotone like binOf, so the org-wide read can first locate a rank
 * among a few dozen octave counts and then among the sixteen bins of one octave.
 */
export function octaveOf(bin: number): number {
  if (bin > 0) return Math.floor((bin - 1) / BINS_PER_OCTAVE) + 1;
  if (bin < 0) return -octaveOf(-bin);
  return 0;
}

/** The first and last bin of an octave (inclusive). */
export function binsOfOctave(octave: number): [number, number] {
  if (octave > 0) {
    return [(octave - 1) * BINS_PER_OCTAVE + 1, octave * BINS_PER_OCTAVE];
  }
  if (octave < 0) {
    const [lo, hi] = binsOfOctave(-octave);
    return [-hi, -lo];
  }
  return [0, 0];
}

/** The 1-based nearest rank of percentile p (0, 100] among n values, as dora-common's percentile. */
export function nearestRank(n: number, p: number): number {
  return Math.max(1, Math.ceil((p * n) / 100));
}

/**
 * Where the value of 1-based `rank` lies, given the count per bin: its bin, its 0-based position
 * among that bin's values in ascending order, and how many values the bin holds. undefined when
 * rank exceeds the total.
 */
export function locateRank(
  counts: ReadonlyMap<number, number>,
  rank: number,
): { bin: number; offset: number; count: number } | undefined {
  let below = 0;
  for (const bin of [...counts.keys()].sort((a, b) => a - b)) {
    const n = counts.get(bin)!;
    if (below + n >= rank) return { bin, offset: rank - below - 1, count: n };
    below += n;
  }
  return undefined;
}

/** UTC day number of the Monday starting the week of `day` (day 4, 1970-01-05, was a Monday). */
export function weekOf(day: number): number {
  return day - ((((day - 4) % 7) + 7) % 7);
}

/**
 * Covers the whole days [from, to) with the Monday-start weeks lying inside it and the days
 * left over at either end, so a sum over the range reads one weekly row instead of seven daily.
 */
export function coverDays(
  from: number,
  to: number,
): { weeks: number[]; days: number[] } {
  const weeks: number[] = [];
  const days: number[] = [];
  let day = from;
  while (day < to) {
    if (weekOf(day) === day && day + 7 <= to) {
      weeks.push(day);
      day += 7;
    } else {
      days.push(day);
      day += 1;
    }
  }
  return { weeks, days };
}
