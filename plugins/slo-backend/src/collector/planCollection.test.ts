import { planCollection, planPass, unionQuery } from './planCollection';

const T = 1_790_000_100;

describe('planCollection', () => {
  it('shares requests between SLOs resuming at the same bucket and dedupes expressions', () => {
    const targets = Array.from({ length: 1000 }, (_, i) => ({
      sloId: `s${i}`,
      // Every 10 SLOs of a service share their total query.
      exprs: [`good${i}`, `total${Math.floor(i / 10)}`],
      from: T - 3600,
    }));
    const plan = planCollection(targets, { to: T, exprsPerRequest: 50 });
    // 1000 good + 100 total expressions, 50 per request.
    expect(plan).toHaveLength(22);
    expect(new Set(plan.flatMap(p => p.exprs)).size).toBe(1100);
    expect(plan.every(p => p.from === T - 3600 && p.to === T)).toBe(true);
  });

  it('splits long ranges into chunks Prometheus accepts and groups by resume point', () => {
    const plan = planCollection(
      [
        { sloId: 'new', exprs: ['a', 'b'], from: T - 35 * 86400 },
        { sloId: 'old', exprs: ['c'], from: T - 600 },
        { sloId: 'done', exprs: ['d'], from: T },
      ],
      { to: T, exprsPerRequest: 50, maxBucketsPerRequest: 10_000 },
    );
    expect(
      plan.map(p => [(T - p.from) / 300, (T - p.to) / 300, p.exprs]),
    ).toEqual([
      [10080, 80, ['a', 'b']],
      [80, 0, ['a', 'b']],
      [2, 0, ['c']],
    ]);
  });

  it('plans each target over its own end within a pass', () => {
    const plan = planCollection(
      [
        { sloId: 'a', exprs: ['x'], from: T - 3000, to: T - 1500 },
        { sloId: 'b', exprs: ['y'], from: T - 3000, to: T - 1500 },
        { sloId: 'c', exprs: ['z'], from: T - 3000 },
      ],
      { to: T, exprsPerRequest: 50 },
    );
    expect(plan).toEqual([
      { from: T - 3000, to: T - 1500, exprs: ['x', 'y'] },
      { from: T - 3000, to: T, exprs: ['z'] },
    ]);
  });

  it('tags each expression so the union keeps them apart', () => {
    expect(unionQuery(['sum(x)', 'sum(y)'])).toBe(
      'label_replace(sum(x), "portal_slo_expr", "0", "", "")\nor\nlabel_replace(sum(y), "portal_slo_expr", "1", "", "")',
    );
  });
});

describe('planPass', () => {
  const B = 300;
  const behind = (sloId: string, buckets: number) => ({
    sloId,
    from: T - buckets * B,
  });
  const shares = (ends: Map<string, number>, targets: any[]) =>
    Object.fromEntries(
      targets
        .filter(t => ends.has(t.sloId))
        .map(t => [t.sloId, (ends.get(t.sloId)! - t.from) / B]),
    );

  it('gives SLOs that are caught up their buckets first and splits the rest evenly', () => {
    const targets = [
      behind('new-1', 10_080),
      behind('steady', 1),
      behind('new-2', 10_080),
      behind('late', 3),
      behind('done', 0),
    ];
    const ends = planPass(targets, {
      to: T,
      bucketSeconds: B,
      maxBuckets: 1000,
    });
    // 1 + 3 first; 996 left for the two backfills, 498 each.
    expect(shares(ends, targets)).toEqual({
      steady: 1,
      late: 3,
      'new-1': 498,
      'new-2': 498,
    });
  });

  it('never exceeds the ceiling, and defers SLOs when there are more than buckets', () => {
    const targets = Array.from({ length: 7 }, (_, i) => behind(`s${i}`, 5));
    const ends = planPass(targets, { to: T, bucketSeconds: B, maxBuckets: 4 });
    expect(shares(ends, targets)).toEqual({ s0: 1, s1: 1, s2: 1, s3: 1 });

    const uneven = [behind('a', 100), behind('b', 100), behind('c', 100)];
    const split = shares(
      planPass(uneven, { to: T, bucketSeconds: B, maxBuckets: 100 }),
      uneven,
    );
    // The same share for SLOs resuming together, so one request still serves them all.
    expect(split).toEqual({ a: 33, b: 33, c: 33 });

    const mixed = [behind('a', 100), behind('b', 50), behind('c', 100)];
    // b first (50 of the even split of 33), then a and c: 67 / 2 = 33 each.
    expect(
      shares(
        planPass(mixed, { to: T, bucketSeconds: B, maxBuckets: 100 }),
        mixed,
      ),
    ).toEqual({ a: 33, b: 33, c: 33 });
  });

  it('lets a backfill run over passes until it reaches the end', () => {
    let from = T - 10_080 * B;
    let passes = 0;
    while (from < T) {
      const ends = planPass([{ sloId: 'x', from }], {
        to: T,
        bucketSeconds: B,
        maxBuckets: 3000,
      });
      from = ends.get('x')!;
      passes++;
    }
    expect(from).toBe(T);
    expect(passes).toBe(4); // 3000 + 3000 + 3000 + 1080
  });
});
