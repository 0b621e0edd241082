import { HOUR_MS } from '../time';
import {
  OTHER,
  SVC,
  at,
  change,
  day,
  dayMs,
  deployment,
  sha,
} from '../testUtils';
import { Change, Deployment } from '../types';
import { changeLeadTime } from './changeLeadTime';

const WEEK = { from: dayMs(0), to: dayMs(7) };

function run(
  deployments: Deployment[],
  changes: Change[],
  window = WEEK,
  options = {},
) {
  return changeLeadTime({ deployments, changes }, window, options);
}

const h = (hours: number) => hours * HOUR_MS;

describe('changeLeadTime', () => {
  it('has no value, tier or series values without deployed changes', () => {
    const result = run([deployment({ id: 'd', finishedAt: day(1) })], []);
    expect(result).toMatchObject({
      value: undefined,
      median: undefined,
      p90: undefined,
      tier: undefined,
      count: 0,
    });
    expect(result.series.every(p => p.value === undefined)).toBe(true);
  });

  it.each<[string, Deployment[], Change[], number[]]>([
    [
      'commit → first successful production deployment containing it',
      [
        deployment({ id: 'a', finishedAt: at(10), commitShas: [sha(1)] }),
        deployment({ id: 'b', finishedAt: at(20), commitShas: [sha(1)] }),
      ],
      [change({ sha: sha(1), committedAt: at(2) })],
      [h(8)],
    ],
    [
      'failed deployments and staging do not deliver a change',
      [
        deployment({
          id: 'f',
          finishedAt: at(5),
          status: 'failure',
          commitShas: [sha(1)],
        }),
        deployment({
          id: 's',
          finishedAt: at(6),
          environment: 'staging',
          commitShas: [sha(1)],
        }),
        deployment({ id: 'ok', finishedAt: at(12), commitShas: [sha(1)] }),
      ],
      [change({ sha: sha(1), committedAt: at(2) })],
      [h(10)],
    ],
    [
      'deployments finished before the commit are skipped',
      [
        deployment({ id: 'early', finishedAt: at(1), commitShas: [sha(1)] }),
        deployment({ id: 'late', finishedAt: at(9), commitShas: [sha(1)] }),
      ],
      [change({ sha: sha(1), committedAt: at(3) })],
      [h(6)],
    ],
    [
      'a deployment finishing at the commit instant gives lead time 0',
      [deployment({ id: 'd', finishedAt: at(3), commitShas: [sha(1)] })],
      [change({ sha: sha(1), committedAt: at(3) })],
      [0],
    ],
    [
      'a commit made before the window counts by its deployment time',
      [deployment({ id: 'd', finishedAt: day(0), commitShas: [sha(1)] })],
      [change({ sha: sha(1), committedAt: day(-3) })],
      [h(72)],
    ],
    [
      'a deployment exactly at window.to is out',
      [deployment({ id: 'd', finishedAt: day(7), commitShas: [sha(1)] })],
      [change({ sha: sha(1), committedAt: day(6) })],
      [],
    ],
    [
      'a deployment with no changes and an undeployed change add nothing',
      [deployment({ id: 'd', finishedAt: day(1), commitShas: [] })],
      [change({ sha: sha(2), committedAt: day(0) })],
      [],
    ],
    [
      'a change without entity deployed by two entities gives two samples',
      [
        deployment({ id: 'a', finishedAt: at(4), commitShas: [sha(1)] }),
        deployment({
          id: 'b',
          entityRef: OTHER,
          finishedAt: at(6),
          commitShas: [sha(1)],
        }),
      ],
      [change({ sha: sha(1), committedAt: at(1) })],
      [h(3), h(5)],
    ],
    [
      "a change's own entity restricts its deployments",
      [
        deployment({ id: 'a', finishedAt: at(4), commitShas: [sha(1)] }),
        deployment({
          id: 'b',
          entityRef: OTHER,
          finishedAt: at(6),
          commitShas: [sha(1)],
        }),
      ],
      [change({ sha: sha(1), entityRef: OTHER, committedAt: at(1) })],
      [h(5)],
    ],
  ])('%s', (_, deployments, changes, expected) => {
    const result = run(deployments, changes);
    expect(result.count).toBe(expected.length);
    expect(result.value).toBe(
      [...expected].sort((a, b) => a - b)[Math.ceil(expected.length / 2) - 1],
    );
  });

  it('reports the nearest-rank median and p90', () => {
    const deployments = [
      deployment({
        id: 'd',
        finishedAt: day(3),
        commitShas: Array.from({ length: 10 }, (_, i) => sha(i + 1)),
      }),
    ];
    const changes = Array.from({ length: 10 }, (_, i) =>
      change({ sha: sha(i + 1), committedAt: day(3, -(i + 1)) }),
    );
    const result = run(deployments, changes);
    expect([result.median, result.p90, result.count]).toEqual([h(5), h(9), 10]);
    expect(result.tier).toBe('elite');
  });

  it.each([
    [h(23), 'elite'],
    [h(24), 'high'],
    [h(24 * 7), 'medium'],
    [h(24 * 30), 'low'],
  ])('lead time %d ms is %s', (lead, tier) => {
    const result = run(
      [deployment({ id: 'd', finishedAt: day(6), commitShas: [sha(1)] })],
      [
        change({
          sha: sha(1),
          committedAt: new Date(dayMs(6) - lead).toISOString(),
        }),
      ],
    );
    expect(result.tier).toBe(tier);
  });

  it('breaks PR lead time into coding, pickup, review and deploy', () => {
    const pr = {
      prId: 'org/repo#1',
      prCreatedAt: at(10),
      prFirstReviewAt: at(13),
      prMergedAt: at(20),
    };
    const result = run(
      [
        deployment({
          id: 'd',
          finishedAt: at(26),
          commitShas: [sha(1), sha(2)],
        }),
      ],
      [
        change({ sha: sha(1), authoredAt: at(1), committedAt: at(4), ...pr }),
        change({ sha: sha(2), committedAt: at(8), ...pr }),
      ],
    );
    expect(result.pullRequests).toBe(1);
    expect(result.breakdown).toEqual({
      coding: { median: h(9), count: 1 }, // first authored 1h → created 10h
      pickup: { median: h(3), count: 1 },
      review: { median: h(7), count: 1 },
      deploy: { median: h(6), count: 1 },
    });
  });

  it('clamps negative stages to zero and skips stages with unknown ends', () => {
    const result = run(
      [deployment({ id: 'd', finishedAt: at(30), commitShas: [sha(1)] })],
      [
        change({
          sha: sha(1),
          committedAt: at(12),
          prId: 'r#2',
          prCreatedAt: at(10), // commit after PR creation
          prMergedAt: at(20), // merged without review
        }),
      ],
    );
    expect(result.breakdown).toEqual({
      coding: { median: 0, count: 1 },
      pickup: { median: undefined, count: 0 },
      review: { median: undefined, count: 0 },
      deploy: { median: h(10), count: 1 },
    });
  });

  it('restricts samples to the entities in scope', () => {
    const deployments = [
      deployment({ id: 'a', finishedAt: at(4), commitShas: [sha(1)] }),
      deployment({
        id: 'b',
        entityRef: OTHER,
        finishedAt: at(6),
        commitShas: [sha(1)],
      }),
    ];
    const changes = [change({ sha: sha(1), committedAt: at(1) })];
    const result = run(deployments, changes, WEEK, {
      entityRefs: new Set([OTHER]),
    });
    expect([result.count, result.value]).toEqual([1, h(5)]);
    expect(
      run(deployments, changes, WEEK, { entityRefs: new Set([SVC]) }).value,
    ).toBe(h(3));
  });
});
