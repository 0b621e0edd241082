/**
 * Shared by the DORA benches: turns a generated history (each deployment listing every commit it
 * delivers) into what production sources send: each service's default branch as one chain of
 * commits, every commit with its parent edge, and each deployment naming only the commit at its
 * head (as a GitHub deployment or a CDEvents `service.deployed` does), so that lead time per
 * commit is found through ancestry, several commits per deployment.
 *
 * The branch is the commits in the order deployments first list them (a rebase-merged main: a
 * failed deployment's commits stay below the next one's, a hotfix lands on top of what ran, a
 * rollback deploys an older head again). Every commit reachable from a head was listed by that
 * deployment or an earlier one, so each commit's first successful deployment, and hence every
 * lead time, is the same as with the full lists.
 */
import { Change, Deployment } from '@internal/plugin-dora-common';

export function linearHistory(history: {
  deployments: Deployment[];
  changes: Change[];
}): { edges: number } {
  const changes = new Map(history.changes.map(c => [c.sha, c]));
  const tipOf = new Map<string, string>(); // entity → head of its branch
  const listed = new Set<string>();
  let edges = 0;
  const byTime = [...history.deployments].sort((a, b) =>
    a.finishedAt < b.finishedAt ? -1 : Number(a.finishedAt > b.finishedAt),
  );
  for (const d of byTime) {
    if (d.commitShas.length === 0) continue;
    for (const sha of d.commitShas) {
      if (listed.has(sha)) continue;
      listed.add(sha);
      const tip = tipOf.get(d.entityRef);
      const change = changes.get(sha);
      if (tip && change) {
        change.parents = [tip];
        edges++;
      }
      tipOf.set(d.entityRef, sha);
    }
    // The deployment's head: its last listed commit is the newest of its own commits on the
    // branch (a rollback lists an earlier deployment's commits, so names that one's head).
    d.commitShas = [d.commitShas[d.commitShas.length - 1]];
  }
  return { edges };
}
