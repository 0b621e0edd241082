import type { PullRequestEvent, PushEvent } from '@octokit/webhooks-types';
import { parseInput } from '@internal/plugin-dora-common';
import { z } from 'zod';
import { anyObject, batch, checked } from './githubPayload';
import { Translation, ignored, isSha, nonEmptyString as text } from './types';

// The change side of the GitHub mapping: merged pull requests and pushes to the default branch
// give the commits whose lead time DORA measures.

const mergedPullRequestFields = z.looseObject({
  pull_request: z.looseObject({
    merge_commit_sha: text.refine(isSha, {
      error: ({ input }) => `must be a full commit SHA, got ${input}`,
    }),
    merged_at: text,
    number: z.number(),
    created_at: text,
  }),
});

export function pullRequest(
  payload: unknown,
  repo: string,
  entityRef: string,
  hotfixLabel: string,
): Translation {
  const { action, pull_request: pr } = checked<PullRequestEvent>(
    z.looseObject({ pull_request: anyObject }),
    payload,
  );
  if (action !== 'closed' || pr.merged !== true) {
    return ignored(`pull_request ${action} is not a merge`);
  }
  // Null until merged, so checked only now.
  const { merge_commit_sha: sha, merged_at: mergedAt } = parseInput(
    mergedPullRequestFields,
    payload,
  ).pull_request;
  const head = pr.head?.sha;
  const labels = (Array.isArray(pr.labels) ? pr.labels : []).map(l =>
    String(typeof l === 'string' ? l : l?.name).toLowerCase(),
  );
  // GitHub's revert button titles the PR `Revert "<original title>"`.
  let kind: 'revert' | 'hotfix' | undefined;
  if (typeof pr.title === 'string' && pr.title.startsWith('Revert "')) {
    kind = 'revert';
  } else if (labels.includes(hotfixLabel.toLowerCase())) {
    kind = 'hotfix';
  }
  return batch({
    changes: [
      {
        sha,
        entityRef,
        committedAt: mergedAt,
        // The PR's head is a parent of a merge commit; squash and rebase merges copy its commits,
        // which then count only if a source reported them on the default branch.
        ...(isSha(head) && head !== sha && { parents: [head] }),
        ...(kind && { kind }),
        prId: `${repo}#${pr.number}`,
        prCreatedAt: pr.created_at,
        prMergedAt: mergedAt,
      },
    ],
  });
}

const NO_COMMIT = /^0+$/;
const pushedCommitsFields = z.looseObject({
  commits: z.array(z.looseObject({ id: text, timestamp: text })),
});
const MERGE_MESSAGE = /^Merge pull request #(\d+) from /;

/**
 * A push to the default branch reports its commits oldest first: each one's parent is taken to be
 * the one before it, and the first one's parent the previous head (`before`), unless the push was
 * forced (history rewritten: `before` is no ancestor of `after`) or created the branch. Commits
 * seen on a branch first come again with `distinct: false` and are recorded the same way: they
 * reach production through this push. For a merge, the chain differs from git's parents, but the
 * set of commits reachable from the pushed head is the same.
 */
export function push(
  payload: unknown,
  repo: string,
  entityRef: string,
): Translation {
  const body = payload as PushEvent;
  const ref = parseInput(text, body.ref, 'body.ref');
  if (body.deleted === true) return ignored(`deletion of ${ref}`);
  if (ref !== `refs/heads/${body.repository.default_branch}`) {
    return ignored(`push to ${ref}, not the default branch`);
  }
  const { commits } = checked<PushEvent>(pushedCommitsFields, payload);
  const before =
    body.forced !== true && isSha(body.before) && !NO_COMMIT.test(body.before)
      ? body.before
      : undefined;
  let parent = before;
  const changes: Record<string, unknown>[] = commits.map(commit => {
    const change = {
      sha: commit.id,
      entityRef,
      committedAt: commit.timestamp,
      ...(parent && { parents: [parent] }),
    };
    parent = commit.id;
    return change;
  });
  // GitHub's merge commit says which PR it merged; the branch commits listed before it with
  // distinct: false belong to that PR, which gives the breakdown its first commit.
  let branch: Record<string, unknown>[] = [];
  commits.forEach((commit, i) => {
    const merged = MERGE_MESSAGE.exec(String(commit.message ?? ''));
    if (merged) {
      const prId = `${repo}#${merged[1]}`;
      for (const c of [...branch, changes[i]]) c.prId = prId;
      branch = [];
    } else if (commit.distinct === false) {
      branch.push(changes[i]);
    } else {
      branch = [];
    }
  });
  // A push that only moves the branch to a known commit lists none; its head is still deployed.
  const head = body.head_commit;
  if (
    changes.length === 0 &&
    head &&
    isSha(head.id) &&
    typeof head.timestamp === 'string'
  ) {
    changes.push({
      sha: head.id,
      entityRef,
      committedAt: head.timestamp,
      ...(before && before !== head.id && { parents: [before] }),
    });
  }
  return batch({ changes });
}
