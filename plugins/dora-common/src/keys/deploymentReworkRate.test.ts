import { OTHER, at, day, dayMs, deployment, incident } from '../testUtils';
import { Deployment, Incident } from '../types';
import { deploymentReworkRate } from './deploymentReworkRate';

const WEEK = { from: dayMs(0), to: dayMs(7) };

function run(deployments: Deployment[], incidents: Incident[] = []) {
  return deploymentReworkRate({ deployments, incidents }, WEEK);
}

const openIncident = (fields: Partial<Incident> = {}) =>
  incident({ id: 'i', openedAt: at(10), resolvedAt: at(14), ...fields });

describe('deploymentReworkRate', () => {
  it('is undefined without deployments and never has a tier', () => {
    expect(run([])).toMatchObject({ value: undefined, tier: undefined });
    const result = run([
      deployment({ id: 'h', type: 'hotfix', finishedAt: at(1) }),
    ]);
    expect([result.value, result.tier]).toEqual([1, undefined]);
  });

  it.each<[string, Deployment[], Incident[], [number, number]]>([
    [
      'a hotfix is rework',
      [
        deployment({ id: 'a', finishedAt: at(1) }),
        deployment({ id: 'h', finishedAt: at(2), type: 'hotfix' }),
      ],
      [],
      [1, 2],
    ],
    [
      'a failed hotfix is still rework',
      [
        deployment({
          id: 'h',
          finishedAt: at(2),
          type: 'hotfix',
          status: 'failure',
        }),
      ],
      [],
      [1, 1],
    ],
    [
      'the last successful deployment while an incident is open restored it',
      [
        deployment({ id: 'attempt', finishedAt: at(11) }),
        deployment({ id: 'fix', finishedAt: at(13) }),
        deployment({ id: 'after', finishedAt: at(15) }),
      ],
      [openIncident()],
      [1, 3],
    ],
    [
      'a deployment finishing exactly at resolvedAt restored it',
      [deployment({ id: 'fix', finishedAt: at(14) })],
      [openIncident()],
      [1, 1],
    ],
    [
      'a failed deployment during the incident did not restore it',
      [deployment({ id: 'x', finishedAt: at(12), status: 'failure' })],
      [openIncident()],
      [0, 1],
    ],
    [
      'an unresolved incident has no restoring deployment yet',
      [deployment({ id: 'x', finishedAt: at(12) })],
      [openIncident({ resolvedAt: undefined })],
      [0, 1],
    ],
    [
      "another entity's incident does not make this deployment rework",
      [deployment({ id: 'x', finishedAt: at(12) })],
      [openIncident({ entityRef: OTHER })],
      [0, 1],
    ],
    [
      'a hotfix that also restored an incident counts once',
      [deployment({ id: 'h', finishedAt: at(12), type: 'hotfix' })],
      [openIncident()],
      [1, 1],
    ],
    [
      'staging deployments are neither rework nor in the denominator',
      [
        deployment({ id: 'a', finishedAt: at(1) }),
        deployment({
          id: 's',
          finishedAt: at(12),
          environment: 'staging',
          type: 'hotfix',
        }),
      ],
      [openIncident()],
      [0, 1],
    ],
    [
      'window edges: at from is in, at to is out',
      [
        deployment({ id: 'a', finishedAt: day(0), type: 'hotfix' }),
        deployment({ id: 'b', finishedAt: day(7), type: 'hotfix' }),
      ],
      [],
      [1, 1],
    ],
  ])('%s', (_, deployments, incidents, [count, denominator]) => {
    const result = run(deployments, incidents);
    expect([result.count, result.denominator]).toEqual([count, denominator]);
  });

  it('reports both kinds of rework', () => {
    const result = run(
      [
        deployment({ id: 'h', finishedAt: at(1), type: 'hotfix' }),
        deployment({ id: 'fix', finishedAt: at(12) }),
        deployment({ id: 'n', finishedAt: at(20) }),
      ],
      [openIncident()],
    );
    expect(result).toMatchObject({
      value: 2 / 3,
      hotfixes: 1,
      restoredIncident: 1,
    });
  });
});
