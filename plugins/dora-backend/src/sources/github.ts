import { InputError } from '@backstage/errors';
import {
  SourceBatch,
  Translation,
  emptyBatch,
  ignored,
  isSha,
  normalizeEnvironment,
  object,
  string,
  number,
} from './types';

/** Which GitHub Actions workflows deploy, and where (config `dora.github.workflows`). */
export type DeployWorkflow = {
  /** Workflow file (`deploy.yml` or `.github/workflows/deploy.yml`) or workflow name. */
  workflow: string;
  environment: string;
  /** `owner/repo`; any repository when absent. */
  repository?: string;
};

export type GitHubSourceOptions = {
  workflows: DeployWorkflow[];
  /** Issues carrying this label are incidents. */
  incidentLabel: string;
  /** Merged PRs carrying this label are hotfixes; default `hotfix`. */
  hotfixLabel?: string;
};

type Json = Record<string, any>;

/**
 * Translates one GitHub webhook delivery (payloads as GitHub documents them) for the entity that
 * owns the repository. Malformed payloads are InputErrors naming the field; events that carry
 * nothing DORA counts (a pending deployment, a push to a feature branch) are ignored with a reason.
 */
export function translateGitHubEvent(
  event: string,
  payload: unknown,
  entityRef: string,
  options: GitHubSourceOptions,
): Translation {
  const body = object(payload, 'body');
  const repo = string(
    object(body.repository, 'repository'),
    'full_name',
    'repository',
  );
  switch (event) {
    case 'deployment_status':
      return deploymentStatus(body, repo, entityRef);
    case 'workflow_run':
      return workflowRun(body, repo, entityRef, options.workflows);
    case 'pull_request':
      return pullRequest(
        body,
        repo,
        entityRef,
        options.hotfixLabel ?? 'hotfix',
      );
    case 'push':
      return push(body, repo, entityRef);
    case 'issues':
      return issue(body, repo, entityRef, options.incidentLabel);
    default:
      return ignored(`event ${event} is not a DORA source`);
  }
}

function deploymentStatus(
  body: Json,
  repo: string,
  entityRef: string,
): Translation {
  const status = object(body.deployment_status, 'deployment_status');
  const deployment = object(body.deployment, 'deployment');
  const state = string(status, 'state', 'deployment_status');
  const outcome = { success: 'success', failure: 'failure', error: 'failure' }[
    state
  ];
  // Only a finished deployment is recorded: the first record of an id wins, so reporting
  // `in_progress` first would freeze it there.
  if (!outcome) return ignored(`deployment state ${state} is not final`);
  const sha = string(deployment, 'sha', 'deployment');
  const type = deployment.payload?.type;
  return batch({
    deployments: [
      {
        id: `github:${repo}:deployment:${number(
          deployment,
          'id',
          'deployment',
        )}`,
        entityRef,
        environment: normalizeEnvironment(
          string(deployment, 'environment', 'deployment'),
        ),
        status: outcome,
        type: type === 'hotfix' || type === 'rollback' ? type : 'normal',
        startedAt: string(deployment, 'created_at', 'deployment'),
        finishedAt: string(status, 'created_at', 'deployment_status'),
        ...(typeof deployment.ref === 'string' && { version: deployment.ref }),
        commitShas: isSha(sha) ? [sha] : [],
        source: 'github',
      },
    ],
  });
}

const WORKFLOW_OUTCOMES: Record<string, string> = {
  success: 'success',
  failure: 'failure',
  timed_out: 'failure',
  startup_failure: 'failure',
  cancelled: 'cancelled',
};

function workflowRun(
  body: Json,
  repo: string,
  entityRef: string,
  workflows: DeployWorkflow[],
): Translation {
  if (body.action !== 'completed')
    return ignored(`workflow_run ${body.action}`);
  const run = object(body.workflow_run, 'workflow_run');
  const path = string(run, 'path', 'workflow_run');
  // GitHub documents a run's name as nullable and sends "" for unnamed runs; the workflow's
  // own name is the other one a configuration may use.
  const names = [run.name, body.workflow?.name].filter(
    (n): n is string => typeof n === 'string' && n !== '',
  );
  const match = workflows.find(
    w =>
      (w.repository === undefined ||
        w.repository.toLowerCase() === repo.toLowerCase()) &&
      (names.includes(w.workflow) ||
        w.workflow === path ||
        w.workflow === path.split('/').pop()),
  );
  if (!match) return ignored(`workflow ${path} is not configured as a deploy`);
  const conclusion = string(run, 'conclusion', 'workflow_run');
  const status = WORKFLOW_OUTCOMES[conclusion];
  if (!status) return ignored(`workflow conclusion ${conclusion}`);
  const sha = string(run, 'head_sha', 'workflow_run');
  const head = run.head_commit;
  return batch({
    deployments: [
      {
        id: `github:${repo}:workflow_run:${number(run, 'id', 'workflow_run')}:${
          run.run_attempt ?? 1
        }`,
        entityRef,
        environment: normalizeEnvironment(match.environment),
        status,
        type: 'normal',
        ...(typeof run.run_started_at === 'string' && {
          startedAt: run.run_started_at,
        }),
        finishedAt: string(run, 'updated_at', 'workflow_run'),
        commitShas: isSha(sha) ? [sha] : [],
        source: 'github',
      },
    ],
    // The head commit's time, in case no push event reported it.
    changes:
      isSha(sha) && head && typeof head.timestamp === 'string'
        ? [{ sha, committedAt: head.timestamp }]
        : [],
  });
}

function pullRequest(
  body: Json,
  repo: string,
  entityRef: string,
  hotfixLabel: string,
): Translation {
  const pr = object(body.pull_request, 'pull_request');
  if (body.action !== 'closed' || pr.merged !== true) {
    return ignored(`pull_request ${body.action} is not a merge`);
  }
  const sha = string(pr, 'merge_commit_sha', 'pull_request');
  if (!isSha(sha)) {
    throw new InputError(
      `pull_request.merge_commit_sha: must be a full commit SHA, got ${sha}`,
    );
  }
  const mergedAt = string(pr, 'merged_at', 'pull_request');
  const head = pr.head?.sha;
  const labels = (Array.isArray(pr.labels) ? pr.labels : []).map((l: Json) =>
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
        prId: `${repo}#${number(pr, 'number', 'pull_request')}`,
        prCreatedAt: string(pr, 'created_at', 'pull_request'),
        prMergedAt: mergedAt,
      },
    ],
  });
}

const NO_COMMIT = /^0+$/;
const MERGE_MESSAGE = /^Merge pull request #(\d+) from /;

/**
 * A push to the default branch reports its commits oldest first: each one's parent is taken to be
 * the one before it, and the first one's parent the previous head (`before`), unless the push was
 * forced (history rewritten: `before` is no ancestor of `after`) or created the branch. Commits
 * seen on a branch first come again with `distinct: false` and are recorded the same way: they
 * reach production through this push. For a merge, the chain differs from git's parents, but the
 * set of commits reachable from the pushed head is the same.
 */
function push(body: Json, repo: string, entityRef: string): Translation {
  const repository = object(body.repository, 'repository');
  const ref = string(body, 'ref', 'body');
  if (body.deleted === true) return ignored(`deletion of ${ref}`);
  if (ref !== `refs/heads/${repository.default_branch}`) {
    return ignored(`push to ${ref}, not the default branch`);
  }
  const commits = body.commits;
  if (!Array.isArray(commits)) {
    throw new InputError('commits: must be an array');
  }
  const before =
    body.forced !== true && isSha(body.before) && !NO_COMMIT.test(body.before)
      ? body.before
      : undefined;
  let parent = before;
  const changes: Record<string, unknown>[] = commits.map((c, i) => {
    const commit = object(c, `commits[${i}]`);
    const sha = string(commit, 'id', `commits[${i}]`);
    const change = {
      sha,
      entityRef,
      committedAt: string(commit, 'timestamp', `commits[${i}]`),
      ...(parent && { parents: [parent] }),
    };
    parent = sha;
    return change;
  });
  // GitHub's merge commit says which PR it merged; the branch commits listed before it with
  // distinct: false belong to that PR, which gives the breakdown its first commit.
  let branch: Record<string, unknown>[] = [];
  commits.forEach((commit: Json, i) => {
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

const ROOT_CAUSE = /root[ _-]?cause:\s*([A-Za-z0-9:._\/#-]+)/i;
const SEVERITY_LABEL = /^(sev[0-9]|severity[:/ ]\s*\S+|p[0-4])$/i;

function issue(
  body: Json,
  repo: string,
  entityRef: string,
  incidentLabel: string,
): Translation {
  const issueBody = object(body.issue, 'issue');
  const labels: string[] = (
    Array.isArray(issueBody.labels) ? issueBody.labels : []
  )
    .map((l: Json) => (typeof l === 'string' ? l : l?.name))
    .filter((l: unknown): l is string => typeof l === 'string');
  if (!labels.some(l => l.toLowerCase() === incidentLabel.toLowerCase())) {
    return ignored(`issue is not labelled ${incidentLabel}`);
  }
  if (
    !['opened', 'labeled', 'reopened', 'closed', 'edited'].includes(body.action)
  ) {
    return ignored(`issues ${body.action}`);
  }
  const severity = labels.find(l => SEVERITY_LABEL.test(l));
  const cause = ROOT_CAUSE.exec(
    typeof issueBody.body === 'string' ? issueBody.body : '',
  )?.[1];
  const closedAt =
    issueBody.state === 'closed' && typeof issueBody.closed_at === 'string'
      ? issueBody.closed_at
      : undefined;
  return batch({
    incidents: [
      {
        id: `github:${repo}#${number(issueBody, 'number', 'issue')}`,
        entityRef,
        openedAt: string(issueBody, 'created_at', 'issue'),
        ...(closedAt && { resolvedAt: closedAt }),
        ...(severity && { severity: severity.toLowerCase() }),
        ...(cause && {
          causedBy: isSha(cause)
            ? { commitSha: cause }
            : { deploymentId: cause },
        }),
      },
    ],
  });
}

function batch(parts: Partial<SourceBatch>): Translation {
  return { kind: 'batch', batch: { ...emptyBatch(), ...parts } };
}
