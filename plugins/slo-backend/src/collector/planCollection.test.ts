import { planCollection, unionQuery } from './planCollection';

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

  it('tags each expression so the union keeps them apart', () => {
    expect(unionQuery(['sum(x)', 'sum(y)'])).toBe(
      'label_replace(sum(x), "portal_slo_expr", "0", "", "")\nor\nlabel_replace(sum(y), "portal_slo_expr", "1", "", "")',
    );
  });
});
