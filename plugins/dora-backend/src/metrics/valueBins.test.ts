import { createRandom, percentile } from '@internal/plugin-dora-common';
import {
  BINS_PER_OCTAVE,
  binOf,
  binsOfOctave,
  coverDays,
  locateRank,
  nearestRank,
  octaveOf,
  weekOf,
} from './valueBins';

describe('binOf', () => {
  it('is monotone across powers of two, zero and negatives', () => {
    const values = [
      -(2 ** 40),
      -1025,
      -1024,
      -1023,
      -1,
      -0.5,
      0,
      0.5,
      1,
      2,
      3,
      1023,
      1024,
      1025,
      2 ** 33 - 1,
      2 ** 33,
      2 ** 33 + 1,
      2 ** 45,
    ];
    const bins = values.map(binOf);
    for (let i = 1; i < bins.length; i++) {
      expect(bins[i]).toBeGreaterThanOrEqual(bins[i - 1]);
    }
    expect(binOf(0)).toBe(0);
    expect(binOf(1)).toBe(1);
    expect(binOf(-1)).toBe(-1);
    // A power of two starts a new octave.
    expect(binOf(1024)).toBe(1 + 10 * BINS_PER_OCTAVE);
    expect(binOf(1023)).toBe(10 * BINS_PER_OCTAVE);
    expect(binOf(2 ** 33)).toBe(1 + 33 * BINS_PER_OCTAVE);
  });

  it('keeps each bin within 1/16 of its lower bound, on random durations', () => {
    const random = createRandom('bins');
    const lowest = new Map<number, number>();
    const highest = new Map<number, number>();
    for (let i = 0; i < 20_000; i++) {
      const v = Math.floor(Math.exp(random.between(0, Math.log(4e10))));
      const b = binOf(v);
      lowest.set(b, Math.min(lowest.get(b) ?? Infinity, v));
      highest.set(b, Math.max(highest.get(b) ?? -Infinity, v));
      // Monotone against a neighbour too.
      expect(binOf(v + 1)).toBeGreaterThanOrEqual(b);
    }
    for (const [b, low] of lowest) {
      expect(highest.get(b)! / low).toBeLessThan(
        1 + 1 / BINS_PER_OCTAVE + 1e-9,
      );
    }
  });
});

describe('locateRank', () => {
  it('finds the bin and offset that, read back, give the nearest-rank percentile', () => {
    const random = createRandom('ranks');
    for (let round = 0; round < 50; round++) {
      const values = Array.from({ length: random.int(1, 400) }, () =>
        Math.round(random.between(-5e3, 5e6)),
      );
      const counts = new Map<number, number>();
      for (const v of values)
        counts.set(binOf(v), (counts.get(binOf(v)) ?? 0) + 1);
      for (const p of [50, 90, 100, 1]) {
        const found = locateRank(counts, nearestRank(values.length, p))!;
        const inBin = values
          .filter(v => binOf(v) === found.bin)
          .sort((a, b) => a - b);
        expect(inBin[found.offset]).toBe(percentile(values, p));
        expect(found.count).toBe(inBin.length);
      }
    }
  });

  it('is undefined past the total and ranks from 1', () => {
    const counts = new Map([
      [5, 2],
      [3, 1],
    ]);
    expect(locateRank(counts, 1)).toEqual({ bin: 3, offset: 0, count: 1 });
    expect(locateRank(counts, 3)).toEqual({ bin: 5, offset: 1, count: 2 });
    expect(locateRank(counts, 4)).toBeUndefined();
    expect(nearestRank(4, 50)).toBe(2);
    expect(nearestRank(5, 50)).toBe(3);
    expect(nearestRank(1, 90)).toBe(1);
  });
});

describe('coverDays', () => {
  const day = (iso: string) => Date.parse(iso) / 86_400_000;

  it('starts weeks on Mondays', () => {
    expect(weekOf(day('2024-12-30'))).toBe(day('2024-12-30')); // a Monday
    expect(weekOf(day('2025-01-05'))).toBe(day('2024-12-30')); // the Sunday after
    expect(weekOf(day('1970-01-01'))).toBe(day('1969-12-29')); // before day 4
  });

  it('covers every day exactly once, with whole weeks inside the range', () => {
    for (let from = 19990; from < 20000; from++) {
      for (let to = from; to < from + 40; to++) {
        const { weeks, days } = coverDays(from, to);
        const covered = [
          ...weeks.flatMap(w => [0, 1, 2, 3, 4, 5, 6].map(i => w + i)),
          ...days,
        ].sort((a, b) => a - b);
        expect(covered).toEqual(
          Array.from({ length: to - from }, (_, i) => from + i),
        );
        for (const w of weeks) expect(weekOf(w)).toBe(w);
        // Leftover days only at the ends: fewer than a week on each side.
        expect(days.length).toBeLessThanOrEqual(12);
      }
    }
    expect(coverDays(day('2024-12-30'), day('2025-01-13'))).toEqual({
      weeks: [day('2024-12-30'), day('2025-01-06')],
      days: [],
    });
  });
});

describe('octaveOf', () => {
  it('groups the bins of one power of two, monotone and signed like binOf', () => {
    // Durations chosen by hand: 1 ms starts octave 1; 2^k ms starts octave k + 1.
    expect(octaveOf(binOf(1))).toBe(1);
    expect(octaveOf(binOf(1.99))).toBe(1);
    expect(octaveOf(binOf(2))).toBe(2);
    expect(octaveOf(binOf(3_600_000))).toBe(22); // 2^21 <= 1 h < 2^22
    expect(octaveOf(binOf(-3_600_000))).toBe(-22);
    expect(octaveOf(binOf(0.5))).toBe(0);
    let previous = -Infinity;
    for (let v = -1e9; v <= 1e9; v += 7_777_777) {
      const octave = octaveOf(binOf(v));
      expect(octave).toBeGreaterThanOrEqual(previous);
      previous = octave;
    }
  });

  it('has binsOfOctave return exactly the bins that map to it', () => {
    for (let bin = -200; bin <= 200; bin++) {
      const [lo, hi] = binsOfOctave(octaveOf(bin));
      expect(bin).toBeGreaterThanOrEqual(lo);
      expect(bin).toBeLessThanOrEqual(hi);
    }
    for (const octave of [-3, -1, 0, 1, 5]) {
      const [lo, hi] = binsOfOctave(octave);
      for (let bin = lo; bin <= hi; bin++) expect(octaveOf(bin)).toBe(octave);
      expect(octaveOf(lo - 1)).not.toBe(octave);
      expect(octaveOf(hi + 1)).not.toBe(octave);
    }
  });
});
