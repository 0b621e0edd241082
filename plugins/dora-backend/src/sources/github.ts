import type {
  DeploymentStatusEvent,
  IssuesEvent,
  WorkflowRunCompletedEvent,
  WorkflowRunEvent,
} from '@octokit/webhooks-types';
import { parseInput } from '@internal/plugin-dora-common';
import { z } from 'zod';
import { pullRequest, push } from './githubChanges';
import { anyObject, batch, checked } from './githubPayload';
import {
  Translation,
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
  deployment: anyObject,
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

const ROOT_CAUSE = /root[ _-]?cause:\s*([A-Za-z0-9:._\/#-]+)/i;
const SEVERITY_LABEL = /^(sev[0-9]|severity[:/ ]\s*\S+|p[0-4])$/i;

function issue(
  payload: unknown,
  repo: string,
  entityRef: string,
  incidentLabel: string,
): Translation {
  const { action, issue: issueBody } = checked<IssuesEvent>(
    z.looseObject({ issue: anyObject }),
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
