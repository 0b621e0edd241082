import { analyze } from '../analysis';
import { HOUR_MS } from '../time';
import { OTHER, SVC, at, change, deployment, sha } from '../testUtils';
import { Change, Deployment } from '../types';

// Expected figures below are worked out by hand from the hours in each history.
const hours = (ms: number) => ms / HOUR_MS;

function facts(deployments: Deployment[], changes: Change[]) {
  const analysis = analyze({ deployments, changes, incidents: [] });
  return {
    leadTimes: analysis.leadTimes
      .map(s => [s.entityRef, s.sha, hours(s.leadTimeMs)] as const)
      .sort(),
    prs: analysis.prs,
    failures: new Map(
      analysis.deployments.map(f => [f.deployment.id, f.failureReasons]),
    ),
    ancestryKnown: new Map(
      analysis.deployments.map(f => [f.deployment.id, f.ancestryKnown]),
    ),
  };
}

/** What another entity's sender claims about svc's commit 5, sent before svc's own record. */
const SQUATTED: Change = change({
  sha: sha(5),
  entityRef: OTHER,
  committedAt: at(-100),
  parents: [sha(1)],
  kind: 'revert',
  prId: 'org/svc#9',
  prCreatedAt: at(-100),
  prFirstReviewAt: at(-100),
  prMergedAt: at(-100),
});

const OWN: Change = change({
  sha: sha(5),
  entityRef: SVC,
  committedAt: at(2),
  prId: 'org/svc#9',
  prCreatedAt: at(3),
  prFirstReviewAt: at(4),
  prMergedAt: at(6),
});

describe('change records per entity', () => {
  const deployed = [
    deployment({ id: 'd1', finishedAt: at(10), commitShas: [sha(5)] }),
  ];

  it.each([
    ['sent before', [SQUATTED, OWN]],
    ['sent after', [OWN, SQUATTED]],
  ])(
    "another entity's record of a commit, %s the entity's own, changes none of its figures",
    (_, changes) => {
      const result = facts(deployed, [
        change({ sha: sha(1), committedAt: at(-200) }),
        ...changes,
      ]);
      // Only commit 5, committed at hour 2 and deployed at hour 10; the claimed parent (commit 1)
      // is not reached and the claimed revert does not make d1 a rollback.
      expect(result.leadTimes).toEqual([[SVC, sha(5), 8]]);
      expect(result.prs).toEqual([
        {
          prId: 'org/svc#9',
          entityRef: SVC,
          deployedAt: Date.parse(at(10)),
          coding: 1 * HOUR_MS,
          pickup: 1 * HOUR_MS,
          review: 2 * HOUR_MS,
          deploy: 4 * HOUR_MS,
        },
      ]);
    },
  );

  it("does not count another entity's PR records in the entity's PR times", () => {
    const result = facts(deployed, [
      OWN,
      // Another entity's record of a different commit, claiming the same PR id.
      { ...SQUATTED, sha: sha(6) },
    ]);
    expect(result.prs[0].coding).toBe(1 * HOUR_MS);
    expect(result.prs[0].deploy).toBe(4 * HOUR_MS);
  });

  it('uses the entity-less record where the entity has none, its own record where it has one', () => {
    const shared = [
      change({ sha: sha(6), committedAt: at(0) }),
      change({ sha: sha(7), committedAt: at(1), parents: [sha(6)] }),
    ];
    const deployments = [
      deployment({ id: 'd1', finishedAt: at(10), commitShas: [sha(7)] }),
      deployment({
        id: 'o1',
        entityRef: OTHER,
        finishedAt: at(12),
        commitShas: [sha(7)],
      }),
    ];
    // Without records of its own, each entity takes both shared commits.
    expect(facts(deployments, shared).leadTimes).toEqual([
      [OTHER, sha(6), 12],
      [OTHER, sha(7), 11],
      [SVC, sha(6), 10],
      [SVC, sha(7), 9],
    ]);
    // svc's own record of 7 (committed at hour 3) wins for svc only; the shared parent edge
    // still counts for svc (edges of the entity's and the entity-less records are one union).
    const own = change({ sha: sha(7), entityRef: SVC, committedAt: at(3) });
    for (const changes of [
      [...shared, own],
      [own, ...shared],
    ]) {
      expect(facts(deployments, changes).leadTimes).toEqual([
        [OTHER, sha(6), 12],
        [OTHER, sha(7), 11],
        [SVC, sha(6), 10],
        [SVC, sha(7), 7],
      ]);
    }
  });

  it("does not follow another entity's parent edges to call a deployment a rollback", () => {
    const deployments = [
      deployment({ id: 'd1', finishedAt: at(10), commitShas: [sha(2)] }),
      deployment({ id: 'd2', finishedAt: at(20), commitShas: [sha(3)] }),
    ];
    const changes = [
      change({ sha: sha(2), entityRef: SVC, committedAt: at(1) }),
      change({ sha: sha(3), entityRef: SVC, committedAt: at(11) }),
    ];
    // Another entity claims 3 is a parent of 2: d2 would then redeploy an ancestor of d1.
    const claimed = change({
      sha: sha(2),
      entityRef: OTHER,
      committedAt: at(1),
      parents: [sha(3)],
    });
    expect(
      facts(deployments, [claimed, ...changes]).failures.get('d1'),
    ).toEqual([]);
    // The same edge in svc's own record is believed.
    const believed = facts(deployments, [
      change({ ...changes[0], parents: [sha(3)] }),
      changes[1],
    ]);
    expect(believed.failures.get('d1')).toEqual(['replaced-by-ancestor']);
  });

  it("does not take another entity's record as ancestry coverage", () => {
    const deployments = [
      deployment({ id: 'd1', finishedAt: at(10), commitShas: [sha(2)] }),
    ];
    const theirs = change({
      sha: sha(2),
      entityRef: OTHER,
      committedAt: at(1),
    });
    expect(facts(deployments, [theirs]).ancestryKnown.get('d1')).toBe(false);
    expect(
      facts(deployments, [
        theirs,
        change({ sha: sha(2), committedAt: at(1) }),
      ]).ancestryKnown.get('d1'),
    ).toBe(true);
  });
});
