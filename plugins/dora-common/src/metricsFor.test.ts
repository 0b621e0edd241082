import { generateHistory } from './fixtures';
import { metricsFor } from './metricsFor';
import {
  OTHER,
  SVC,
  at,
  change,
  dayMs,
  deployment,
  incident,
  sha,
} from './testUtils';
import { DoraEvents } from './types';

const WEEK = { from: dayMs(0), to: dayMs(7) };

const events: DoraEvents = {
  deployments: [
    deployment({ id: 's1', finishedAt: at(2), commitShas: [sha(1)] }),
    deployment({ id: 's2', finishedAt: at(30), status: 'failure' }),
    deployment({ id: 's3', finishedAt: at(31), type: 'hotfix' }),
    deployment({
      id: 'o1',
      entityRef: OTHER,
      finishedAt: at(5),
      commitShas: [sha(2)],
    }),
    deployment({
      id: 'stg1',
      environment: 'staging',
      finishedAt: at(1),
      commitShas: [sha(1)],
    }),
    deployment({
      id: 'stg2',
      environment: 'staging',
      finishedAt: at(3),
      status: 'failure',
    }),
  ],
  changes: [
    change({ sha: sha(1), committedAt: at(0) }),
    change({ sha: sha(2), committedAt: at(1) }),
  ],
  incidents: [
    // An incident of SVC caused by its deployment s1.
    incident({
      id: 'i1',
      openedAt: at(3),
      resolvedAt: at(4),
      causedBy: { deploymentId: 's1' },
    }),
  ],
};

describe('metricsFor', () => {
  it('computes all five keys for one entity', () => {
    const m = metricsFor(new Set([SVC]), events, WEEK);
    expect(m.deploymentFrequency.count).toBe(2);
    expect(m.changeLeadTime.value).toBe(2 * 3_600_000);
    expect([
      m.changeFailureRate.count,
      m.changeFailureRate.denominator,
    ]).toEqual([2, 3]);
    // s1 recovers when i1 resolves (2h), s2 at the hotfix s3 (1h).
    expect(m.failedDeploymentRecoveryTime.value).toBe(3_600_000);
    expect(m.failedDeploymentRecoveryTime.count).toBe(2);
    expect(m.deploymentReworkRate.count).toBe(1);
  });

  it('accepts entity references in any accepted form', () => {
    const short = metricsFor(new Set(['svc']), events, WEEK);
    const full = metricsFor(new Set(['Component:Default/svc']), events, WEEK);
    expect(short).toEqual(metricsFor(new Set([SVC]), events, WEEK));
    expect(full).toEqual(short);
  });

  it("never blames another entity's deployment that has the named id", () => {
    const m = metricsFor(new Set([SVC]), events, WEEK);
    expect(m.changeFailureRate.reasons.causedIncident).toBe(1);
    // OTHER names `s1` too: only a deployment of OTHER with that id could be the cause.
    const named = {
      ...events,
      incidents: [
        ...events.incidents!,
        incident({
          id: 'i2',
          entityRef: OTHER,
          openedAt: at(6),
          causedBy: { deploymentId: 's1' },
        }),
      ],
    };
    expect(metricsFor(new Set([SVC]), named, WEEK)).toEqual(m);
  });

  it('makes a group the union of its members', () => {
    const svc = metricsFor(new Set([SVC]), events, WEEK);
    const other = metricsFor(new Set([OTHER]), events, WEEK);
    const team = metricsFor(new Set([SVC, OTHER]), events, WEEK);
    for (const key of [
      'deploymentFrequency',
      'changeLeadTime',
      'changeFailureRate',
      'failedDeploymentRecoveryTime',
      'deploymentReworkRate',
    ] as const) {
      expect(team[key].count).toBe(svc[key].count + other[key].count);
    }
    // Medians pool the samples: lead times 2h (svc) and 4h (other) → 2h.
    expect(team.changeLeadTime.value).toBe(2 * 3_600_000);
  });

  it('excludes staging deployments from production keys and vice versa', () => {
    const prod = metricsFor(new Set([SVC]), events, WEEK);
    const staging = metricsFor(new Set([SVC]), events, WEEK, 'staging');
    expect(prod.deploymentFrequency.count).toBe(2);
    expect(staging.deploymentFrequency.count).toBe(1);
    expect(staging.changeLeadTime.value).toBe(3_600_000);
    expect([
      staging.changeFailureRate.count,
      staging.changeFailureRate.denominator,
    ]).toEqual([1, 2]);
  });

  it('gives an empty scope no data rather than zeroes or NaN', () => {
    const m = metricsFor(new Set(['component:default/unknown']), events, WEEK);
    expect(m.deploymentFrequency.value).toBe(0);
    expect(m.changeLeadTime.value).toBeUndefined();
    expect(m.changeFailureRate.value).toBeUndefined();
    expect(m.failedDeploymentRecoveryTime.value).toBeUndefined();
    expect(m.deploymentReworkRate.value).toBeUndefined();
  });

  it('sums group counts over generated histories too', () => {
    const history = generateHistory({
      seed: 11,
      days: 60,
      services: [
        { entityRef: 'component:default/a', profile: 'elite' },
        { entityRef: 'component:default/b', profile: 'high' },
        { entityRef: 'component:default/c', profile: 'medium' },
      ],
    });
    const refs = [
      'component:default/a',
      'component:default/b',
      'component:default/c',
    ];
    const each = refs.map(ref =>
      metricsFor(new Set([ref]), history, history.window),
    );
    const all = metricsFor(new Set(refs), history, history.window);
    const sum = (f: (m: typeof all) => number) =>
      each.reduce((acc, m) => acc + f(m), 0);
    expect(all.deploymentFrequency.count).toBe(
      sum(m => m.deploymentFrequency.count),
    );
    expect(all.changeLeadTime.count).toBe(sum(m => m.changeLeadTime.count));
    expect(all.changeFailureRate.count).toBe(
      sum(m => m.changeFailureRate.count),
    );
    expect(all.changeFailureRate.denominator).toBe(
      sum(m => m.changeFailureRate.denominator!),
    );
    expect(all.deploymentReworkRate.count).toBe(
      sum(m => m.deploymentReworkRate.count),
    );
  });
});
