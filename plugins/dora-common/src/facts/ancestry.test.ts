import { HOUR_MS } from '../time';
import { changeFailureRate } from '../keys/changeFailureRate';
import { changeLeadTime } from '../keys/changeLeadTime';
import { deploymentReworkRate } from '../keys/deploymentReworkRate';
import { failedDeploymentRecoveryTime } from '../keys/failedDeploymentRecoveryTime';
import { linkIncidents } from '../linking';
import { OTHER, SVC, at, change, dayMs, deployment, sha } from '../testUtils';
import { Change, Deployment } from '../types';

const WEEK = { from: dayMs(0), to: dayMs(7) };
const h = (hours: number) => hours * HOUR_MS;

/** A linear history: commit n's parent is commit n − 1, committed at hour n. */
function chain(from: number, to: number, fields: Partial<Change> = {}) {
  return Array.from({ length: to - from + 1 }, (_, i) =>
    change({
      sha: sha(from + i),
      committedAt: at(from + i),
      ...(from + i > 1 && { parents: [sha(from + i - 1)] }),
      ...fields,
    }),
  );
}

const leadTimes = (deployments: Deployment[], changes: Change[]) =>
  changeLeadTime({ deployments, changes }, WEEK);

describe('lead time through commit ancestry', () => {
  it('a deployment of SHA X delivers every commit reachable from X once', () => {
    const result = leadTimes(
      [
        deployment({ id: 'a', finishedAt: at(10), commitShas: [sha(3)] }),
        deployment({ id: 'b', finishedAt: at(20), commitShas: [sha(6)] }),
        // Redeploying the head delivers nothing new.
        deployment({ id: 'c', finishedAt: at(30), commitShas: [sha(6)] }),
      ],
      chain(1, 6),
    );
    // Commits 1–3 at hour 10 (9, 8, 7 h), commits 4–6 at hour 20 (16, 15, 14 h).
    expect(result.count).toBe(6);
    expect(result.median).toBe(h(9));
    expect(result.p90).toBe(h(16));
    expect(result.coverage).toEqual({ deployments: 3, ancestryKnown: 3 });
  });

  it('counts commits made before the window but deployed in it', () => {
    const result = changeLeadTime(
      {
        deployments: [
          deployment({ id: 'a', finishedAt: at(24 * 3), commitShas: [sha(2)] }),
        ],
        changes: [
          change({ sha: sha(1), committedAt: at(-24 * 40) }),
          change({ sha: sha(2), committedAt: at(1), parents: [sha(1)] }),
        ],
      },
      WEEK,
    );
    expect(result.count).toBe(2);
    expect(result.p90).toBe(h(24 * 43));
    // Nearest-rank median of two is the lower one.
    expect(result.median).toBe(h(71));
  });

  it('follows merges through every parent and unions edges of repeated records', () => {
    const result = leadTimes(
      [deployment({ id: 'a', finishedAt: at(50), commitShas: [sha(9)] })],
      [
        change({ sha: sha(1), committedAt: at(1) }),
        change({ sha: sha(2), committedAt: at(2), parents: [sha(1)] }),
        // A branch commit and the merge commit, reported twice with one parent each.
        change({ sha: sha(5), committedAt: at(5), parents: [sha(1)] }),
        change({ sha: sha(9), committedAt: at(9), parents: [sha(2)] }),
        change({ sha: sha(9), committedAt: at(9), parents: [sha(5)] }),
      ],
    );
    expect(result.count).toBe(4);
  });

  it('does not deliver commits a force push dropped', () => {
    const result = leadTimes(
      [deployment({ id: 'a', finishedAt: at(50), commitShas: [sha(11)] })],
      [
        ...chain(1, 4),
        // Rewritten history: 11 sits on 2; 3 and 4 are no longer reachable.
        change({ sha: sha(11), committedAt: at(11), parents: [sha(2)] }),
      ],
    );
    expect(result.count).toBe(3);
  });

  it('takes one sample per entity and leaves other entities’ commits to them', () => {
    const result = leadTimes(
      [
        deployment({ id: 'a', finishedAt: at(10), commitShas: [sha(3)] }),
        deployment({
          id: 'b',
          entityRef: OTHER,
          finishedAt: at(12),
          commitShas: [sha(3)],
        }),
      ],
      [...chain(1, 2), ...chain(3, 3, { entityRef: SVC, parents: [sha(2)] })],
    );
    // svc takes 1–3. other sees neither svc's record of 3 nor its parent edge (another
    // entity's record counts only for that entity), so for other commit 3 is unknown and
    // reaches nothing.
    expect(result.count).toBe(3);
  });

  it('leaves a commit timestamped after the deployment to a later one (clock skew)', () => {
    const result = leadTimes(
      [
        deployment({ id: 'a', finishedAt: at(10), commitShas: [sha(2)] }),
        deployment({ id: 'b', finishedAt: at(20), commitShas: [sha(3)] }),
      ],
      [
        change({ sha: sha(1), committedAt: at(1) }),
        change({ sha: sha(2), committedAt: at(15), parents: [sha(1)] }),
        change({ sha: sha(3), committedAt: at(16), parents: [sha(2)] }),
      ],
    );
    expect(result.count).toBe(3);
    expect(result.p90).toBe(h(9));
  });

  it('reports deployments whose commits no source reported as not covered', () => {
    const result = leadTimes(
      [
        deployment({ id: 'a', finishedAt: at(10), commitShas: [sha(2)] }),
        deployment({ id: 'b', finishedAt: at(20), commitShas: [sha(99)] }),
        deployment({ id: 'c', finishedAt: at(30) }),
      ],
      chain(1, 2),
    );
    expect(result.count).toBe(2);
    expect(result.coverage).toEqual({ deployments: 3, ancestryKnown: 1 });
  });
});

describe('rollbacks from ancestry', () => {
  const history = (
    rollbackTo: number,
    status: Deployment['status'] = 'success',
  ) => ({
    deployments: [
      deployment({ id: 'a', finishedAt: at(10), commitShas: [sha(2)] }),
      deployment({ id: 'b', finishedAt: at(20), commitShas: [sha(4)], status }),
      deployment({
        id: 'c',
        finishedAt: at(23),
        commitShas: [sha(rollbackTo)],
      }),
    ],
    changes: chain(1, 5),
  });

  it('an older SHA replacing the live one marks the replaced deployment failed', () => {
    const events = history(2);
    const cfr = changeFailureRate(events, WEEK);
    expect(cfr.count).toBe(1);
    expect(cfr.denominator).toBe(3);
    expect(cfr.reasons.replacedByAncestor).toBe(1);
    const recovery = failedDeploymentRecoveryTime(events, WEEK);
    expect(recovery.median).toBe(h(3));
  });

  it('counts an equal SHA as a rollback too, and a newer SHA not', () => {
    expect(changeFailureRate(history(4), WEEK).count).toBe(1);
    expect(changeFailureRate(history(5), WEEK).count).toBe(0);
  });

  it('adds its reason to a deployment that failed anyway, counted once', () => {
    const cfr = changeFailureRate(history(2, 'failure'), WEEK);
    expect(cfr.count).toBe(1);
    expect(cfr.reasons).toMatchObject({ failed: 1, replacedByAncestor: 1 });
  });

  it('says nothing when either side has no commits or no ancestry is known', () => {
    const events = history(2);
    // sha(2) is no ancestor of sha(4) without reported parents.
    expect(changeFailureRate({ ...events, changes: [] }, WEEK).count).toBe(0);
    const empty = {
      ...events,
      deployments: events.deployments.map(d => ({ ...d, commitShas: [] })),
    };
    expect(changeFailureRate(empty, WEEK).count).toBe(0);
  });
});

describe('incidents blamed on a commit through ancestry', () => {
  it('links to the first deployment that delivered the commit', () => {
    const events = {
      deployments: [
        deployment({ id: 'a', finishedAt: at(10), commitShas: [sha(2)] }),
        deployment({ id: 'b', finishedAt: at(20), commitShas: [sha(5)] }),
        deployment({ id: 'c', finishedAt: at(30), commitShas: [sha(6)] }),
      ],
      changes: chain(1, 6),
      incidents: [
        {
          id: 'i',
          entityRef: SVC,
          openedAt: at(40),
          causedBy: { commitSha: sha(4) },
        },
      ],
    };
    expect(
      linkIncidents(
        events.incidents,
        events.deployments,
        { timeWindowHours: 1 },
        events.changes,
      ),
    ).toEqual([
      {
        entityRef: SVC,
        incidentId: 'i',
        deploymentId: 'b',
        deploymentSource: 'test',
        method: 'by-commit',
        inferred: false,
      },
    ]);
    expect(changeFailureRate(events, WEEK).reasons.causedIncident).toBe(1);
  });
});

describe('explicit signals carried by changes', () => {
  const deployments = [
    deployment({ id: 'a', finishedAt: at(10), commitShas: [sha(2)] }),
    deployment({ id: 'b', finishedAt: at(20), commitShas: [sha(4)] }),
  ];

  it('a deployment delivering a revert is a rollback: the one before it failed', () => {
    const changes = chain(1, 4).map(c =>
      c.sha === sha(3) ? { ...c, kind: 'revert' as const } : c,
    );
    const cfr = changeFailureRate({ deployments, changes }, WEEK);
    expect(cfr.reasons.followedByRollback).toBe(1);
    expect(cfr.count).toBe(1);
  });

  it('a deployment delivering a hotfix is rework', () => {
    const changes = chain(1, 4).map(c =>
      c.sha === sha(4) ? { ...c, kind: 'hotfix' as const } : c,
    );
    const rework = deploymentReworkRate({ deployments, changes }, WEEK);
    expect(rework.count).toBe(1);
    expect(rework.hotfixes).toBe(1);
    // Already delivered signals do not mark later deployments.
    const later = [
      ...deployments,
      deployment({ id: 'c', finishedAt: at(30), commitShas: [sha(4)] }),
    ];
    expect(
      deploymentReworkRate({ deployments: later, changes }, WEEK).count,
    ).toBe(1);
  });
});
