import type { Delivery, TruthCommit } from './history';
import { seconds, utc } from './time';

/** `@octokit/webhooks-examples`: GitHub's own payloads, the shapes every delivery starts from. */
export type WebhookExamples = { name: string; examples: any[] }[];

/** A commit as a push lists it. */
export interface PushedCommit {
  c: TruthCommit;
  distinct: boolean;
  message?: string;
}

/**
 * The webhook deliveries of one repository, each payload started from a copy of GitHub's own
 * example of the event, so every field a real delivery carries is there.
 */
export class RepositoryPayloads {
  readonly repository: Record<string, unknown>;

  constructor(
    private readonly examples: WebhookExamples,
    name: string,
    fullName: string,
  ) {
    this.repository = {
      ...this.example('push').repository,
      name,
      full_name: fullName,
      default_branch: 'main',
    };
  }

  private example(name: string, pick: (e: any) => boolean = () => true): any {
    const list = this.examples.find(e => e.name === name)!.examples;
    return structuredClone(list.find(pick) ?? list[0]);
  }

  /** The repository's first push, so its first commit is known like every other. */
  firstPush(at: number, root: TruthCommit): Delivery {
    return {
      at,
      event: 'push',
      payload: {
        ...this.example('push'),
        ref: 'refs/heads/main',
        before: '0'.repeat(40),
        after: root.sha,
        created: true,
        deleted: false,
        forced: false,
        commits: [
          {
            ...this.example('push', e => e.commits.length > 0).commits[0],
            id: root.sha,
            timestamp: root.timestamp,
          },
        ],
        head_commit: null,
        repository: this.repository,
      },
    };
  }

  private pushCommit(c: TruthCommit, distinct: boolean, message?: string) {
    return {
      ...this.example('push', e => e.commits.length > 0).commits[0],
      id: c.sha,
      distinct,
      message: message ?? (distinct ? 'Change' : 'Work on a branch'),
      timestamp: c.timestamp,
    };
  }

  /** A push to main from `before` whose last listed commit is the new head. */
  push(
    at: number,
    before: string,
    listed: PushedCommit[],
    forced: boolean,
  ): Delivery {
    const after = listed[listed.length - 1].c;
    return {
      at,
      event: 'push',
      payload: {
        ...this.example('push'),
        ref: 'refs/heads/main',
        before,
        after: after.sha,
        forced,
        created: false,
        deleted: false,
        commits: listed.map(l => this.pushCommit(l.c, l.distinct, l.message)),
        head_commit: this.pushCommit(after, true),
        repository: this.repository,
      },
    };
  }

  /** A pull request closed at `at`, merged or not; `extra` overrides pull_request fields. */
  closedPullRequest(
    at: number,
    number: number,
    merged: boolean,
    extra: object,
  ): Delivery {
    const pr = this.example('pull_request', e => e.action === 'closed');
    return {
      at,
      event: 'pull_request',
      payload: {
        ...pr,
        action: 'closed',
        number,
        pull_request: {
          ...pr.pull_request,
          number,
          merged,
          state: 'closed',
          closed_at: utc(at),
          merged_at: merged ? utc(at) : null,
          ...extra,
        },
        repository: this.repository,
      },
    };
  }

  /** The head of a pull request whose branch ends at `sha`. */
  pullRequestHead(sha: string) {
    return { ...this.example('pull_request').pull_request.head, sha };
  }

  /** A deployment finishing at `at`: its in_progress status, then its final one. */
  deploymentStatuses(
    at: number,
    deployment: {
      id: number;
      sha: string;
      ref: string;
      environment: 'staging' | 'production';
      status: 'success' | 'failure';
    },
  ): Delivery[] {
    const { id, sha, ref, environment, status } = deployment;
    const base = this.example('deployment_status');
    const payloadDeployment = {
      ...base.deployment,
      id,
      sha,
      ref,
      environment,
      original_environment: environment,
      created_at: utc(at - 10 * 60_000),
      updated_at: utc(at),
    };
    return (
      [
        ['in_progress', at - 5 * 60_000],
        [status, at],
      ] as const
    ).map(([state, stateAt]) => ({
      at: stateAt,
      event: 'deployment_status',
      payload: {
        ...base,
        action: 'created',
        deployment: payloadDeployment,
        deployment_status: {
          ...base.deployment_status,
          state,
          environment,
          created_at: utc(stateAt),
          updated_at: utc(stateAt),
        },
        repository: this.repository,
      },
    }));
  }

  /** An incident issue opened at `openedAt` naming its root cause, and its closing when resolved. */
  incidentIssue(
    number: number,
    openedAt: number,
    resolvedAt: number | undefined,
    cause: string,
  ): Delivery[] {
    const base = this.example('issues', e => e.action === 'opened');
    const issue = {
      ...base.issue,
      number,
      title: 'Payments failing',
      body: `Customers see errors.\n\nRoot cause: ${cause}`,
      labels: [{ ...(base.issue.labels?.[0] ?? {}), name: 'incident' }],
      state: 'open',
      created_at: utc(seconds(openedAt)),
      closed_at: null,
    };
    const out: Delivery[] = [
      {
        at: openedAt,
        event: 'issues',
        payload: {
          ...base,
          action: 'opened',
          issue,
          repository: this.repository,
        },
      },
    ];
    if (resolvedAt !== undefined) {
      out.push({
        at: resolvedAt,
        event: 'issues',
        payload: {
          ...base,
          action: 'closed',
          issue: {
            ...issue,
            state: 'closed',
            closed_at: utc(seconds(resolvedAt)),
          },
          repository: this.repository,
        },
      });
    }
    return out;
  }
}
