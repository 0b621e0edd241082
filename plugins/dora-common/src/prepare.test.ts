import { changeFailureRate } from './keys/changeFailureRate';
import { deploymentFrequency } from './keys/deploymentFrequency';
import { dedupeEvents, prepareEvents } from './prepare';
import { changeLeadTime } from './keys/changeLeadTime';
import { failedDeploymentRecoveryTime } from './keys/failedDeploymentRecoveryTime';
import {
  OTHER,
  SVC,
  change,
  day,
  dayMs,
  deployment,
  incident,
  sha,
} from './testUtils';

describe('dedupe (first write wins)', () => {
  const first = deployment({ id: 'd1', status: 'failure', finishedAt: day(1) });
  const redelivered = { ...first };
  const conflicting = deployment({
    id: 'd1',
    status: 'success',
    finishedAt: day(2),
  });

  it('keeps the first record of every id and drops later ones', () => {
    const events = dedupeEvents({
      deployments: [first, conflicting, deployment({ id: 'd2' })],
      changes: [
        change({ sha: sha(1), committedAt: day(0) }),
        change({ sha: sha(1), committedAt: day(1) }),
      ],
      incidents: [
        incident({ id: 'i1', severity: 'sev1' }),
        incident({ id: 'i1', severity: 'sev3' }),
      ],
    });
    expect(events.deployments.map(d => [d.id, d.status])).toEqual([
      ['d1', 'failure'],
      ['d2', 'success'],
    ]);
    expect(events.changes.map(c => c.committedAt)).toEqual([day(0)]);
    expect(events.incidents.map(i => i.severity)).toEqual(['sev1']);
  });

  it('makes re-delivery change nothing in any key', () => {
    const window = { from: dayMs(0), to: dayMs(7) };
    const once = { deployments: [first] };
    const twice = { deployments: [first, redelivered, conflicting] };
    expect(changeFailureRate(twice, window)).toEqual(
      changeFailureRate(once, window),
    );
    expect(deploymentFrequency(twice, window)).toEqual(
      deploymentFrequency(once, window),
    );
  });

  it('keeps the same id of two entities, or of two sources, as separate events', () => {
    const events = dedupeEvents({
      deployments: [
        deployment({ id: 'd1' }),
        deployment({ id: 'd1', entityRef: OTHER }),
        deployment({ id: 'd1', source: 'other-source' }),
        deployment({ id: 'd1', status: 'failure' }),
      ],
      incidents: [
        incident({ id: 'i1' }),
        incident({ id: 'i1', entityRef: OTHER }),
        incident({ id: 'i1', severity: 'sev3' }),
      ],
    });
    expect(
      events.deployments.map(d => [d.entityRef, d.source, d.status]),
    ).toEqual([
      [SVC, 'test', 'success'],
      [OTHER, 'test', 'success'],
      [SVC, 'other-source', 'success'],
    ]);
    expect(events.incidents.map(i => i.entityRef)).toEqual([SVC, OTHER]);
  });

  it("leaves an entity's keys unchanged by another entity's events with its ids", () => {
    const window = { from: dayMs(0), to: dayMs(7) };
    const own = {
      deployments: [
        deployment({
          id: 'd1',
          finishedAt: day(1),
          status: 'failure',
          commitShas: [sha(1)],
        }),
        deployment({ id: 'd2', finishedAt: day(2), commitShas: [sha(2)] }),
      ],
      changes: [change({ sha: sha(2), committedAt: day(1.5) })],
      incidents: [
        incident({
          id: 'i1',
          openedAt: day(2, 1),
          resolvedAt: day(3),
          causedBy: { deploymentId: 'd2' },
        }),
      ],
    };
    // The squatter's copies of the same ids, sent first, for another entity.
    const squat = {
      deployments: [
        ...own.deployments.map(d => ({
          ...d,
          entityRef: OTHER,
          status: 'success' as const,
        })),
        ...own.deployments,
      ],
      changes: own.changes,
      incidents: [
        incident({ id: 'i1', entityRef: OTHER, openedAt: day(0) }),
        ...own.incidents,
      ],
    };
    const options = { entityRefs: new Set([SVC]) };
    for (const key of [
      changeFailureRate,
      deploymentFrequency,
      changeLeadTime,
      failedDeploymentRecoveryTime,
    ]) {
      expect(key(squat, window, options)).toEqual(key(own, window, options));
    }
  });

  it('orders deployments by finish time, then id, whatever the input order', () => {
    const prepared = prepareEvents({
      deployments: [
        deployment({ id: 'b', finishedAt: day(1) }),
        deployment({ id: 'c', finishedAt: day(0) }),
        deployment({ id: 'a', finishedAt: day(1) }),
      ],
    });
    expect(prepared.deployments.map(d => d.id)).toEqual(['c', 'a', 'b']);
  });
});
