import { CounterEdge, edgeIncrements, increaseFromSamples } from './counters';

describe('increaseFromSamples', () => {
  it.each<[string, Array<[number, number]>, number | undefined]>([
    ['no samples', [], undefined],
    ['one sample', [[0, 5]], undefined],
    [
      'steady counter',
      [
        [0, 10],
        [15, 12],
        [30, 20],
      ],
      10,
    ],
    [
      'flat counter',
      [
        [0, 7],
        [15, 7],
      ],
      0,
    ],
    [
      'reset to a lower value',
      [
        [0, 100],
        [15, 120],
        [30, 5],
        [45, 9],
      ],
      29,
    ],
    [
      'reset to zero',
      [
        [0, 50],
        [15, 0],
        [30, 3],
      ],
      3,
    ],
    [
      'two resets',
      [
        [0, 10],
        [15, 2],
        [30, 1],
        [45, 4],
      ],
      6,
    ],
    [
      'unsorted samples',
      [
        [30, 20],
        [0, 10],
        [15, 12],
      ],
      10,
    ],
    [
      'staleness markers are skipped',
      [
        [0, 10],
        [15, NaN],
        [30, 14],
      ],
      4,
    ],
    [
      'only one usable sample',
      [
        [0, NaN],
        [15, 3],
      ],
      undefined,
    ],
  ])('%s', (_, samples, expected) => {
    expect(increaseFromSamples(samples)).toBe(expected);
  });

  it('does not reorder the caller’s array', () => {
    const samples: Array<[number, number]> = [
      [30, 20],
      [0, 10],
    ];
    increaseFromSamples(samples);
    expect(samples[0][0]).toBe(30);
  });
});

describe('edgeIncrements', () => {
  const edge = (t: number, last: number, max = last): CounterEdge => ({
    t,
    last,
    max,
  });
  const asObject = (m: Map<number, number>) => Object.fromEntries(m);

  it.each<[string, CounterEdge[], Record<number, number>]>([
    ['steady', [edge(0, 10), edge(300, 16), edge(600, 30)], { 0: 6, 300: 14 }],
    ['first edge is the baseline only', [edge(300, 7)], { 0: 0 }],
    [
      'a gap: the first bucket after it gets everything counted meanwhile',
      [edge(0, 10), edge(300, 12), edge(3900, 500), edge(4200, 510)],
      { 0: 2, 3600: 488, 3900: 10 },
    ],
    [
      'a restart before the bucket’s first sample',
      [edge(0, 100), edge(300, 120), edge(600, 4)],
      { 0: 20, 300: 4 },
    ],
    [
      'a restart inside the bucket: the rise to the peak, then the new value',
      [edge(0, 100), edge(300, 7, 130)],
      { 0: 37 },
    ],
    [
      'a restart that regrows past the old value in the bucket',
      [edge(0, 100), edge(300, 150, 160)],
      { 0: 210 },
    ],
    [
      'a small error counter that restarts and passes its old value',
      [edge(0, 3), { t: 300, last: 5, max: 5, min: 0 }],
      { 0: 5 },
    ],
    [
      'a restart before the bucket: the smallest value is below the previous',
      [edge(0, 100), { t: 300, last: 40, max: 40, min: 2 }],
      { 0: 40 },
    ],
  ])('%s', (_, edges, expected) => {
    expect(asObject(edgeIncrements(edges, 300, 0))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, v])),
    );
  });

  it('edges before `from` only provide the baseline', () => {
    expect(
      asObject(
        edgeIncrements([edge(0, 1), edge(300, 5), edge(600, 9)], 300, 300),
      ),
    ).toEqual({ 300: 4 });
  });

  // Independent reference: raw samples with gaps and restarts, every increment between two
  // consecutive samples assigned to the bucket of the later one.
  it('equals per-sample differencing on random series with gaps and restarts', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let run = 0; run < 100; run++) {
      // Half the runs a busy counter (requests), half a slow one (errors) that passes its old
      // value soon after a restart.
      const slow = run % 2 === 1;
      const samples: Array<[number, number]> = [];
      let value = slow ? 3 : 10_000 + Math.floor(random() * 1000);
      for (let t = 15; t <= 30000; t += 15) {
        // The documented limits: one restart per bucket; a busy counter restarts well above
        // what a bucket adds, a slow one only before a bucket's first scrape.
        if (slow && t % 300 === 15 && random() < 0.05) {
          value = 0;
        } else if (!slow && random() < 0.01 && value > 5000) {
          value = Math.floor(random() * 5);
        } else if (slow) {
          value += random() < 0.2 ? 1 : 0;
        } else {
          value += Math.floor(random() * 10);
          if (value < 5000 && random() < 0.1) value += 1000;
        }
        // Gaps of up to an hour where nothing is scraped but the process counts on.
        if (Math.floor(t / 3600) % 3 === 1 && t % 3600 < random() * 3600) {
          continue;
        }
        samples.push([t, value]);
      }
      const bucketOf = (t: number) => Math.ceil(t / 300) * 300 - 300;
      const expected = new Map<number, number>();
      for (let i = 0; i < samples.length; i++) {
        const [t, v] = samples[i];
        const start = bucketOf(t);
        const previous = samples[i - 1]?.[1];
        let inc = 0;
        // The series' first bucket is its baseline: nothing in it is counted.
        if (previous !== undefined && start !== bucketOf(samples[0][0])) {
          inc = v >= previous ? v - previous : v;
        }
        expected.set(start, (expected.get(start) ?? 0) + inc);
      }
      const edges: CounterEdge[] = [];
      for (const [start] of expected) {
        const inBucket = samples.filter(([t]) => t > start && t <= start + 300);
        edges.push({
          t: start + 300,
          last: inBucket[inBucket.length - 1][1],
          max: Math.max(...inBucket.map(([, v]) => v)),
          min: Math.min(...inBucket.map(([, v]) => v)),
        });
      }
      expect(asObject(edgeIncrements(edges, 300, 0))).toEqual(
        asObject(expected),
      );
    }
  });
});
