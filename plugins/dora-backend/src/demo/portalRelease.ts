import { DAY_MS } from '@internal/plugin-dora-common';

/**
 * The commit of the portal release running on the demo cluster: `deploy/demo-cluster/80-portal.yaml`
 * carries it as `portal.io/commit-sha`, as the portal's CI stamps it when it deploys, so the
 * rollout the Kubernetes source observes there is a production deployment of a known commit.
 */
export const PORTAL_RELEASE_SHA = '5e2b9c41d7a04f6e8b3c2d1a9f0e7b6c5d4a3f21';

/**
 * What the portal's CI posts to `POST /api/dora/events` for that release before it reaches the
 * cluster: the commit (with its pull request) and its deployment to staging. Timed before the
 * start of the seed's day, so the staging run precedes any rollout the cluster shows after the
 * seed. The production deployment itself is the rollout the Kubernetes source observes.
 */
export function portalReleaseEvents(now: number) {
  const dayStart = Math.floor(now / DAY_MS) * DAY_MS;
  const iso = (hoursBefore: number) =>
    new Date(dayStart - hoursBefore * 3600_000).toISOString();
  const entityRef = 'component:default/portal';
  return {
    changes: [
      {
        sha: PORTAL_RELEASE_SHA,
        entityRef,
        authoredAt: iso(6),
        committedAt: iso(5),
        prId: 'portal#release-demo',
        prCreatedAt: iso(5),
        prFirstReviewAt: iso(4),
        prMergedAt: iso(3),
      },
    ],
    deployments: [
      {
        id: 'portal-ci-staging-release-demo',
        entityRef,
        environment: 'staging',
        status: 'success',
        type: 'normal',
        startedAt: iso(2.2),
        finishedAt: iso(2),
        commitShas: [PORTAL_RELEASE_SHA],
        source: 'ci',
      },
    ],
    incidents: [],
  };
}
