import { OTHER, at, day, dayMs, deployment } from '../testUtils';
import { Deployment } from '../types';
import { deploymentFrequency } from './deploymentFrequency';

const TWO_WEEKS = { from: dayMs(0), to: dayMs(14) };

function run(deployments: Deployment[], window = TWO_WEEKS, options = {}) {
  return deploymentFrequency({ deployments }, window, options);
}

describe('deploymentFrequency', () => {
  it('reports zero, tier low and empty buckets without deployments', () => {
    const result = run([]);
    expect(result).toMatchObject({
      key: 'deploymentFrequency',
      unit: 'deployments-per-day',
      value: 0,
      count: 0,
      denominator: 14,
      tier: 'low',
      medianDeploymentDaysPerWeek: 0,
      fullWeeks: 2,
    });
    expect(result.series).toEqual([
      { bucketStart: '2024-01-01T00:00:00.000Z', value: 0 },
      { bucketStart: '2024-01-08T00:00:00.000Z', value: 0 },
    ]);
  });

  it.each<[string, Partial<Deployment>, number]>([
    ['a successful normal deployment', {}, 1],
    ['a successful hotfix', { type: 'hotfix' }, 1],
    ['a successful rollback', { type: 'rollback' }, 1],
    ['a failed deployment', { status: 'failure' }, 0],
    ['a rolled back deployment', { status: 'rolled_back' }, 0],
    ['an in-progress deployment', { status: 'in_progress' }, 0],
    ['a cancelled deployment', { status: 'cancelled' }, 0],
    ['a staging deployment', { environment: 'staging' }, 0],
    ['a deployment exactly at window.from', { finishedAt: day(0) }, 1],
    ['a deployment just before window.from', { finishedAt: at(-1e-6) }, 0],
    ['a deployment exactly at window.to', { finishedAt: day(14) }, 0],
    ['a deployment with no commits', { commitShas: [] }, 1],
  ])('counts %s as %i', (_, fields, count) => {
    expect(
      run([deployment({ id: 'd', finishedAt: day(3), ...fields })]).count,
    ).toBe(count);
  });

  it('divides by the window length in days', () => {
    const deployments = Array.from({ length: 7 }, (_, i) =>
      deployment({ id: `d${i}`, finishedAt: day(i * 2, 1) }),
    );
    const result = run(deployments);
    expect(result.value).toBe(0.5);
    expect(result.tier).toBe('high');
    expect(run(deployments, { from: dayMs(0), to: dayMs(7) }).value).toBe(
      4 / 7,
    );
  });

  it.each([
    [14, 'elite'],
    [2, 'high'],
    [1, 'medium'],
  ])('%i deployments in 14 days are %s', (n, tier) => {
    const deployments = Array.from({ length: n }, (_, i) =>
      deployment({ id: `d${i}`, finishedAt: day(i) }),
    );
    expect(run(deployments).tier).toBe(tier);
  });

  it('takes the median of distinct deployment days over full ISO weeks', () => {
    // Four full weeks with 3, 1, 0 and 5 deployment days; sorted 0,1,3,5 and
    // the nearest-rank median is the lower middle: 1.
    const days = [0, 0, 2, 4, 8, 8, 8, 21, 22, 23, 24, 25];
    const result = run(
      days.map((d, i) =>
        deployment({ id: `d${i}`, finishedAt: day(d, i % 3) }),
      ),
      { from: dayMs(0), to: dayMs(28) },
    );
    expect(result.fullWeeks).toBe(4);
    expect(result.medianDeploymentDaysPerWeek).toBe(1);
  });

  it('leaves partial weeks out of the weekly median', () => {
    // Wed 3 Jan – Wed 17 Jan contains exactly one full week (8–14 Jan).
    const result = run(
      [
        deployment({ id: 'a', finishedAt: day(3) }),
        deployment({ id: 'b', finishedAt: day(9) }),
        deployment({ id: 'c', finishedAt: day(10) }),
      ],
      { from: dayMs(2), to: dayMs(16) },
    );
    expect(result.fullWeeks).toBe(1);
    expect(result.medianDeploymentDaysPerWeek).toBe(2);
  });

  it('has no weekly median for windows without a full week', () => {
    const result = run([deployment({ id: 'd', finishedAt: day(1) })], {
      from: dayMs(0),
      to: dayMs(5),
    });
    expect(result.fullWeeks).toBe(0);
    expect(result.medianDeploymentDaysPerWeek).toBeUndefined();
  });

  it('uses local days and weeks of the time zone', () => {
    // 22:30Z on Sunday 31 March is Monday 1 April 00:30 in Berlin.
    const deployments = [
      deployment({ id: 'a', finishedAt: '2024-03-31T22:30:00Z' }),
      deployment({ id: 'b', finishedAt: '2024-04-01T10:00:00Z' }),
    ];
    const window = {
      from: Date.parse('2024-03-24T00:00:00Z'),
      to: Date.parse('2024-04-15T00:00:00Z'),
    };
    const inUtc = run(deployments, window, { bucket: 'day' });
    const inBerlin = run(deployments, window, {
      bucket: 'day',
      timeZone: 'Europe/Berlin',
    });
    expect([inUtc.fullWeeks, inUtc.medianDeploymentDaysPerWeek]).toEqual([
      3, 1,
    ]);
    expect([inBerlin.fullWeeks, inBerlin.medianDeploymentDaysPerWeek]).toEqual([
      3, 0,
    ]);
    const nonEmpty = (r: typeof inUtc) =>
      r.series.filter(p => p.value).map(p => [p.bucketStart, p.value]);
    expect(nonEmpty(inUtc)).toEqual([
      ['2024-03-31T00:00:00.000Z', 1],
      ['2024-04-01T00:00:00.000Z', 1],
    ]);
    expect(nonEmpty(inBerlin)).toEqual([['2024-03-31T22:00:00.000Z', 2]]);
  });

  it('compares with the previous window of the same length', () => {
    const result = run([
      deployment({ id: 'prev', finishedAt: day(-3) }),
      deployment({ id: 'a', finishedAt: day(1) }),
      deployment({ id: 'b', finishedAt: day(2) }),
      deployment({ id: 'old', finishedAt: day(-15) }),
    ]);
    expect(result.trend).toEqual({
      previous: 1 / 14,
      delta: 2 / 14 - 1 / 14,
      direction: 'better',
    });
  });

  it('counts only the entities in scope', () => {
    const deployments = [
      deployment({ id: 'a', finishedAt: day(1) }),
      deployment({ id: 'b', entityRef: OTHER, finishedAt: day(1) }),
    ];
    expect(run(deployments).count).toBe(2);
    expect(
      run(deployments, TWO_WEEKS, { entityRefs: new Set(['svc']) }).count,
    ).toBe(1);
  });
});
