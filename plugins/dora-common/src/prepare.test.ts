import { changeFailureRate } from './keys/changeFailureRate';
import { deploymentFrequency } from './keys/deploymentFrequency';
import { dedupeEvents, prepareEvents } from './prepare';
import { change, day, dayMs, deployment, incident, sha } from './testUtils';

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
