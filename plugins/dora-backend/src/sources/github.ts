import type {
  DeploymentStatusEvent,
  IssuesEvent,
  PullRequestEvent,
  PushEvent,
  WorkflowRunCompletedEvent,
  WorkflowRunEvent,
} from '@octokit/webhooks-types';
import { parseInput } from '@internal/plugin-dora-common';
import { z } from 'zod';
import {
  SourceBatch,
  Translation,
  emptyBatch,
  ignored,
  isSha,
  nonEmptyString as text,
  normalizeEnvironment,
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

/**
 * The payload typed as GitHub documents the event, once `fields` check out: the fields the
 * mapping is about to read unguarded. A malformed delivery is an InputError naming the field
 * (`deployment.environment: must be a non-empty string`), never a crash in the mapping.
 */
function checked<E>(fields: z.ZodType, payload: unknown): E {
  parseInput(fields, payload);
  return payload as E;
}

const object = z.looseObject({});

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
  const repo = parseInput(
    z.looseObject({ repository: z.looseObject({ full_name: text }) }),
    payload,
  ).repository.full_name;
  switch (event) {
    case 'deployment_status':
      return deploymentStatus(payload, repo, entityRef);
    case 'workflow_run':
      return workflowRun(payload, repo, entityRef, options.workflows);
    case 'pull_request':
      return pullRequest(
        payload,
        repo,
        entityRef,
        options.hotfixLabel ?? 'hotfix',
      );
    case 'push':
      return push(payload, repo, entityRef);
    case 'issues':
      return issue(payload, repo, entityRef, options.incidentLabel);
    default:
      return ignored(`event ${event} is not a DORA source`);
  }
}

const DEPLOYMENT_OUTCOMES: Record<string, string> = {
  success: 'success',
  failure: 'failure',
  error: 'failure',
};

const deploymentStatusFields = z.looseObject({
  deployment_status: z.looseObject({ state: text }),
  deployment: object,
});

const finishedDeploymentFields = z.looseObject({
  deployment: z.looseObject({
    sha: text,
    id: z.number(),
    environment: text,
    created_at: text,
  }),
  deployment_status: z.looseObject({ created_at: text }),
});

function deploymentStatus(
  payload: unknown,
  repo: string,
  entityRef: string,
): Translation {
  const { deployment_status: status, deployment } =
    checked<DeploymentStatusEvent>(deploymentStatusFields, payload);
  const outcome = DEPLOYMENT_OUTCOMES[status.state];
  // Only a finished deployment is recorded: the first record of an id wins, so reporting
  // `in_progress` first would freeze it there.
  if (!outcome) return ignored(`deployment state ${status.state} is not final`);
  parseInput(finishedDeploymentFields, payload);
  const type = deployment.payload?.type;
  return batch({
    deployments: [
      {
        id: `github:${repo}:deployment:${deployment.id}`,
        entityRef,
        environment: normalizeEnvironment(deployment.environment),
        status: outcome,
        type: type === 'hotfix' || type === 'rollback' ? type : 'normal',
        startedAt: deployment.created_at,
        finishedAt: status.created_at,
        ...(typeof deployment.ref === 'string' && { version: deployment.ref }),
        commitShas: isSha(deployment.sha) ? [deployment.sha] : [],
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

const workflowRunFields = z.looseObject({
  workflow_run: z.looseObject({ path: text }),
});

const deployRunFields = z.looseObject({
  workflow_run: z.looseObject({
    conclusion: text,
    head_sha: text,
    id: z.number(),
    updated_at: text,
  }),
});

function workflowRun(
  payload: unknown,
  repo: string,
  entityRef: string,
  workflows: DeployWorkflow[],
): Translation {
  const { action } = payload as WorkflowRunEvent;
  if (action !== 'completed') return ignored(`workflow_run ${action}`);
  const { workflow_run: run, workflow } = checked<WorkflowRunCompletedEvent>(
    workflowRunFields,
    payload,
  );
  const path = run.path;
  // GitHub documents a run's name as nullable and sends "" for unnamed runs; the workflow's
  // own name is the other one a configuration may use.
  const names = [run.name, workflow?.name].filter(
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
  parseInput(deployRunFields, payload);
  const status = WORKFLOW_OUTCOMES[run.conclusion];
  if (!status) return ignored(`workflow conclusion ${run.conclusion}`);
  const sha = run.head_sha;
  const head = run.head_commit;
  return batch({
    deployments: [
      {
        id: `github:${repo}:workflow_run:${run.id}:${run.run_attempt ?? 1}`,
        entityRef,
        environment: normalizeEnvironment(match.environment),
        status,
        type: 'normal',
        ...(typeof run.run_started_at === 'string' && {
          startedAt: run.run_started_at,
        }),
        finishedAt: run.updated_at,
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

function pullRequest(
  payload: unknown,
  repo: string,
  entityRef: string,
  hotfixLabel: string,
): Translation {
  const { action, pull_request: pr } = checked<PullRequestEvent>(
    z.looseObject({ pull_request: object }),
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
function push(payload: unknown, repo: string, entityRef: string): Translation {
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

const ROOT_CAUSE = /root[ _-]?cause:\s*([A-Za-z0-9:._\/#-]+)/i;
const SEVERITY_LABEL = /^(sev[0-9]|severity[:/ ]\s*\S+|p[0-4])$/i;

function issue(
  payload: unknown,
  repo: string,
  entityRef: string,
  incidentLabel: string,
): Translation {
  const { action, issue: issueBody } = checked<IssuesEvent>(
    z.looseObject({ issue: object }),
    payload,
  );
  const labels: string[] = (
    Array.isArray(issueBody.labels) ? issueBody.labels : []
  )
    .map(l => (typeof l === 'string' ? l : l?.name))
    .filter((l: unknown): l is string => typeof l === 'string');
  if (!labels.some(l => l.toLowerCase() === incidentLabel.toLowerCase())) {
    return ignored(`issue is not labelled ${incidentLabel}`);
  }
  if (!['opened', 'labeled', 'reopened', 'closed', 'edited'].includes(action)) {
    return ignored(`issues ${action}`);
  }
  parseInput(
    z.looseObject({
      issue: z.looseObject({ number: z.number(), created_at: text }),
    }),
    payload,
  );
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
        id: `github:${repo}#${issueBody.number}`,
        entityRef,
        openedAt: issueBody.created_at,
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
