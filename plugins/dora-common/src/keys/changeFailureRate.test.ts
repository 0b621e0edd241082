import { DoraOptions } from '../options';
import { OTHER, at, day, dayMs, deployment, incident, sha } from '../testUtils';
import { Deployment, Incident } from '../types';
import { changeFailureRate } from './changeFailureRate';

const WEEK = { from: dayMs(0), to: dayMs(7) };

function run(
  deployments: Deployment[],
  incidents: Incident[] = [],
  options: DoraOptions = {},
) {
  return changeFailureRate({ deployments, incidents }, WEEK, options);
}

describe('changeFailureRate', () => {
  it('is undefined ("no data"), never NaN, without deployments', () => {
    const result = run([]);
    expect(result).toMatchObject({
      value: undefined,
      tier: undefined,
      count: 0,
      denominator: 0,
    });
    expect(result.series).toEqual([
      { bucketStart: '2024-01-01T00:00:00.000Z', value: undefined },
    ]);
  });

  it.each<[string, Deployment[], Incident[], [number, number]]>([
    [
      'a single successful deployment',
      [deployment({ id: 'a', finishedAt: at(1) })],
      [],
      [0, 1],
    ],
    [
      'status failure',
      [deployment({ id: 'a', finishedAt: at(1), status: 'failure' })],
      [],
      [1, 1],
    ],
    [
      'status rolled_back',
      [deployment({ id: 'a', finishedAt: at(1), status: 'rolled_back' })],
      [],
      [1, 1],
    ],
    [
      'followed by a rollback deployment (which itself is not a failure)',
      [
        deployment({ id: 'a', finishedAt: at(1) }),
        deployment({ id: 'rb', finishedAt: at(2), type: 'rollback' }),
      ],
      [],
      [1, 2],
    ],
    [
      'a rollback two deployments later only blames the one right before it',
      [
        deployment({ id: 'a', finishedAt: at(1) }),
        deployment({ id: 'b', finishedAt: at(2) }),
        deployment({ id: 'rb', finishedAt: at(3), type: 'rollback' }),
      ],
      [],
      [1, 3],
    ],
    [
      'in-progress and cancelled deployments are skipped when finding the next',
      [
        deployment({ id: 'a', finishedAt: at(1) }),
        deployment({ id: 'x', finishedAt: at(2), status: 'cancelled' }),
        deployment({ id: 'rb', finishedAt: at(3), type: 'rollback' }),
      ],
      [],
      [1, 2],
    ],
    [
      "another entity's rollback does not blame this entity",
      [
        deployment({ id: 'a', finishedAt: at(1) }),
        deployment({
          id: 'rb',
          entityRef: OTHER,
          finishedAt: at(2),
          type: 'rollback',
        }),
      ],
      [],
      [0, 2],
    ],
    [
      'a staging rollback does not blame production',
      [
        deployment({ id: 'a', finishedAt: at(1) }),
        deployment({
          id: 'rb',
          environment: 'staging',
          finishedAt: at(2),
          type: 'rollback',
        }),
      ],
      [],
      [0, 1],
    ],
    [
      'caused an incident (explicit link)',
      [
        deployment({ id: 'a', finishedAt: at(1) }),
        deployment({ id: 'b', finishedAt: at(2) }),
      ],
      [incident({ id: 'i', openedAt: at(5), causedBy: { deploymentId: 'a' } })],
      [1, 2],
    ],
    [
      'caused an incident (by commit)',
      [deployment({ id: 'a', finishedAt: at(1), commitShas: [sha(1)] })],
      [
        incident({
          id: 'i',
          openedAt: at(50),
          causedBy: { commitSha: sha(1) },
        }),
      ],
      [1, 1],
    ],
    [
      'an incident with no link blames nobody',
      [deployment({ id: 'a', finishedAt: at(1) })],
      [incident({ id: 'i', openedAt: at(30) })],
      [0, 1],
    ],
    [
      'a deployment with several reasons counts once',
      [
        deployment({ id: 'a', finishedAt: at(1), status: 'failure' }),
        deployment({ id: 'rb', finishedAt: at(2), type: 'rollback' }),
      ],
      [incident({ id: 'i', openedAt: at(5), causedBy: { deploymentId: 'a' } })],
      [1, 2],
    ],
    [
      'in-progress, cancelled and staging deployments are not in the denominator',
      [
        deployment({ id: 'a', finishedAt: at(1) }),
        deployment({ id: 'b', finishedAt: at(2), status: 'in_progress' }),
        deployment({ id: 'c', finishedAt: at(3), status: 'cancelled' }),
        deployment({
          id: 'd',
          finishedAt: at(4),
          environment: 'staging',
          status: 'failure',
        }),
      ],
      [],
      [0, 1],
    ],
    [
      'window edges: at from is in, at to is out',
      [
        deployment({ id: 'a', finishedAt: day(0), status: 'failure' }),
        deployment({ id: 'b', finishedAt: day(7), status: 'failure' }),
      ],
      [],
      [1, 1],
    ],
  ])('%s', (_, deployments, incidents, [count, denominator]) => {
    const result = run(deployments, incidents);
    expect([result.count, result.denominator]).toEqual([count, denominator]);
    expect(result.value).toBe(count / denominator);
  });

  it('counts each reason and the failures resting only on inferred links', () => {
    const result = run(
      [
        deployment({ id: 'a', finishedAt: at(1), status: 'failure' }),
        deployment({ id: 'rb', finishedAt: at(2), type: 'rollback' }),
        deployment({ id: 'b', finishedAt: at(10) }),
        deployment({ id: 'c', finishedAt: at(20), status: 'rolled_back' }),
      ],
      [incident({ id: 'guess', openedAt: at(11) })],
    );
    expect(result.reasons).toEqual({
      failed: 1,
      rolledBack: 1,
      followedByRollback: 1,
      replacedByAncestor: 0,
      causedIncident: 1,
    });
    expect([result.count, result.denominator, result.inferredOnly]).toEqual([
      3, 4, 1,
    ]);
  });

  it('can leave inferred (time-window) links out', () => {
    const deployments = [deployment({ id: 'a', finishedAt: at(1) })];
    const incidents = [incident({ id: 'i', openedAt: at(2) })];
    expect(run(deployments, incidents).value).toBe(1);
    expect(
      run(deployments, incidents, { includeInferredLinks: false }).value,
    ).toBe(0);
    expect(run(deployments, incidents, { timeWindowHours: 0.5 }).value).toBe(0);
  });

  it.each([
    [1, 20, 'elite'],
    [2, 20, 'high'],
    [3, 20, 'medium'],
    [4, 20, 'low'],
  ])('%i failed of %i is %s', (failed, total, tier) => {
    const deployments = Array.from({ length: total }, (_, i) =>
      deployment({
        id: `d${String(i).padStart(2, '0')}`,
        finishedAt: at(i + 1),
        status: i < failed ? 'failure' : 'success',
      }),
    );
    expect(run(deployments).tier).toBe(tier);
  });

  it('has undefined series values for buckets without deployments', () => {
    const result = changeFailureRate(
      {
        deployments: [
          deployment({ id: 'a', finishedAt: day(1), status: 'failure' }),
        ],
      },
      { from: dayMs(0), to: dayMs(3) },
      { bucket: 'day' },
    );
    expect(result.series.map(p => p.value)).toEqual([undefined, 1, undefined]);
  });
});
