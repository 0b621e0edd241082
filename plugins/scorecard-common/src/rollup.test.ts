import { groupWithDescendants, rollUp, scoreChanges } from './rollup';

describe('rollUp', () => {
  it('is empty for no entities', () => {
    expect(rollUp([])).toEqual({
      entities: 0,
      levels: { none: 0, bronze: 0, silver: 0, gold: 0 },
      meanScore: null,
      level: null,
      checks: {},
    });
  });

  it('counts entities at or above each level, the mean score and pass rates', () => {
    const r = rollUp([
      {
        entityRef: 'a',
        level: 'gold',
        score: 100,
        results: [
          { checkId: 'owner', state: 'pass' },
          { checkId: 'runbook-link', state: 'pass' },
        ],
      },
      {
        entityRef: 'b',
        level: 'bronze',
        score: 50,
        results: [
          { checkId: 'owner', state: 'pass' },
          { checkId: 'runbook-link', state: 'fail' },
        ],
      },
      {
        entityRef: 'c',
        level: 'silver',
        score: null,
        results: [
          { checkId: 'owner', state: 'exempt' },
          { checkId: 'runbook-link', state: 'not-applicable' },
        ],
      },
      {
        entityRef: 'd',
        level: null,
        score: null,
        results: [{ checkId: 'runbook-link', state: 'pending' }],
      },
    ]);
    expect(r.entities).toBe(4);
    // Gold counts for silver and bronze; silver for bronze.
    expect(r.levels).toEqual({ none: 1, bronze: 3, silver: 2, gold: 1 });
    // (100 + 50) / 2: the unscored entities are left out.
    expect(r.meanScore).toBe(75);
    expect(r.level).toBeNull();
    expect(r.checks.owner).toEqual({
      pass: 2,
      fail: 0,
      exempt: 1,
      pending: 0,
      passRate: 1,
    });
    // The pending result is counted apart and leaves the pass rate alone.
    expect(r.checks['runbook-link']).toEqual({
      pass: 1,
      fail: 1,
      exempt: 0,
      pending: 1,
      passRate: 0.5,
    });
  });

  it('has no level when one entity is below bronze, and rounds the mean to one decimal', () => {
    const r = rollUp([
      { entityRef: 'a', level: 'gold', score: 33, results: [] },
      { entityRef: 'b', level: null, score: 34, results: [] },
      { entityRef: 'c', level: 'gold', score: 34, results: [] },
    ]);
    expect(r.level).toBeNull();
    expect(r.levels).toEqual({ none: 1, bronze: 2, silver: 2, gold: 2 });
    // 101 / 3 = 33.666…
    expect(r.meanScore).toBe(33.7);
  });
});

describe('groupWithDescendants', () => {
  const children: Record<string, string[]> = {
    'group:default/engineering': [
      'group:default/payments',
      'group:default/platform',
    ],
    'group:default/payments': ['group:default/payments-risk'],
    'group:default/payments-risk': ['group:default/engineering'],
  };
  const childrenOf = (ref: string) => children[ref] ?? [];

  it('follows children transitively and survives a cycle', () => {
    expect([
      ...groupWithDescendants('group:default/engineering', childrenOf),
    ]).toEqual([
      'group:default/engineering',
      'group:default/payments',
      'group:default/platform',
      'group:default/payments-risk',
    ]);
    expect([
      ...groupWithDescendants('group:default/platform', childrenOf),
    ]).toEqual(['group:default/platform']);
  });
});

describe('scoreChanges', () => {
  it('sorts rises first, leaves out entities not scored on both days', () => {
    const before = new Map<string, number | null>([
      ['a', 50],
      ['b', 90],
      ['c', null],
      ['d', 10],
    ]);
    const after = new Map<string, number | null>([
      ['a', 75],
      ['b', 60],
      ['c', 80],
      ['e', 100],
      ['d', 10],
    ]);
    expect(scoreChanges(before, after)).toEqual([
      { entityRef: 'a', from: 50, to: 75, change: 25 },
      { entityRef: 'd', from: 10, to: 10, change: 0 },
      { entityRef: 'b', from: 90, to: 60, change: -30 },
    ]);
  });
});
