import { HOUR_MS } from '../time';
import { OTHER, at, day, dayMs, deployment, incident } from '../testUtils';
import { Deployment, Incident } from '../types';
import { failedDeploymentRecoveryTime } from './failedDeploymentRecoveryTime';

const WEEK = { from: dayMs(0), to: dayMs(7) };
const h = (hours: number) => hours * HOUR_MS;

function run(deployments: Deployment[], incidents: Incident[] = []) {
  return failedDeploymentRecoveryTime({ deployments, incidents }, WEEK);
}

const failed = deployment({ id: 'f', finishedAt: at(10), status: 'failure' });

describe('failedDeploymentRecoveryTime', () => {
  it('has no value without failed deployments', () => {
    expect(run([deployment({ id: 'ok', finishedAt: at(1) })])).toMatchObject({
      value: undefined,
      tier: undefined,
      count: 0,
      failed: 0,
      unrecovered: 0,
    });
  });

  it.each<[string, Deployment[], Incident[], number | undefined]>([
    [
      'restored by the next successful deployment',
      [failed, deployment({ id: 'fix', finishedAt: at(13) })],
      [],
      h(3),
    ],
    [
      'restored by a rollback deployment',
      [
        failed,
        deployment({ id: 'rb', finishedAt: at(10.5), type: 'rollback' }),
      ],
      [],
      h(0.5),
    ],
    [
      'later in-progress or cancelled deployments do not restore',
      [
        failed,
        deployment({ id: 'p', finishedAt: at(11), status: 'in_progress' }),
        deployment({ id: 'c', finishedAt: at(11.5), status: 'cancelled' }),
        deployment({ id: 'fix', finishedAt: at(12) }),
      ],
      [],
      h(2),
    ],
    [
      'deployments of other environments or entities do not restore',
      [
        failed,
        deployment({ id: 's', finishedAt: at(11), environment: 'staging' }),
        deployment({ id: 'o', finishedAt: at(11), entityRef: OTHER }),
      ],
      [],
      undefined,
    ],
    [
      'restored by the linked incident when it resolves first',
      [failed, deployment({ id: 'fix', finishedAt: at(20) })],
      [
        incident({
          id: 'i',
          openedAt: at(11),
          resolvedAt: at(12),
          causedBy: { deploymentId: 'f' },
        }),
      ],
      h(2),
    ],
    [
      'restored by the next deployment when it comes before the resolution',
      [failed, deployment({ id: 'fix', finishedAt: at(11) })],
      [
        incident({
          id: 'i',
          openedAt: at(10.5),
          resolvedAt: at(15),
          causedBy: { deploymentId: 'f' },
        }),
      ],
      h(1),
    ],
    [
      'a success that caused an incident is restored when it resolves',
      [deployment({ id: 'bad', finishedAt: at(10) })],
      [incident({ id: 'i', openedAt: at(10.25), resolvedAt: at(10.75) })],
      h(0.75),
    ],
    [
      'resolutions before the deployment finished are ignored',
      [failed],
      [
        incident({
          id: 'i',
          openedAt: at(8),
          resolvedAt: at(9),
          causedBy: { deploymentId: 'f' },
        }),
      ],
      undefined,
    ],
    [
      'an unresolved incident and no later deployment leave it unrecovered',
      [failed],
      [
        incident({
          id: 'i',
          openedAt: at(11),
          causedBy: { deploymentId: 'f' },
        }),
      ],
      undefined,
    ],
    [
      'restoration after the window still counts',
      [
        deployment({ id: 'late', finishedAt: day(6, 23), status: 'failure' }),
        deployment({ id: 'fix', finishedAt: day(7, 2) }),
      ],
      [],
      h(3),
    ],
  ])('%s', (_, deployments, incidents, expected) => {
    const result = run(deployments, incidents);
    expect(result.value).toBe(expected);
    expect(result.failed).toBe(1);
    expect(result.unrecovered).toBe(expected === undefined ? 1 : 0);
  });

  it('does not let a later failed deployment restore an earlier one', () => {
    const result = run([
      failed,
      deployment({ id: 'f2', finishedAt: at(11), status: 'failure' }),
      deployment({ id: 'fix', finishedAt: at(12) }),
    ]);
    // f recovers after 2h, f2 after 1h.
    expect([result.failed, result.median, result.p90]).toEqual([2, h(1), h(2)]);
  });

  it('excludes unrecovered deployments from the median and counts them', () => {
    const result = run([
      deployment({ id: 'a', finishedAt: at(1), status: 'failure' }),
      deployment({ id: 'b', finishedAt: at(2) }),
      deployment({ id: 'c', finishedAt: at(10), status: 'rolled_back' }),
      deployment({ id: 'd', finishedAt: at(14) }),
      deployment({ id: 'e', finishedAt: at(20), status: 'failure' }),
    ]);
    expect(result).toMatchObject({
      value: h(1),
      median: h(1),
      p90: h(4),
      count: 2,
      failed: 3,
      unrecovered: 1,
      denominator: undefined,
    });
  });

  it.each([
    [0.5, 'elite'],
    [1, 'high'],
    [24, 'medium'],
    [24 * 7, 'low'],
  ])('recovery after %d hours is %s', (hours, tier) => {
    const result = run([
      failed,
      deployment({ id: 'fix', finishedAt: at(10 + hours) }),
    ]);
    expect(result.tier).toBe(tier);
  });
});
