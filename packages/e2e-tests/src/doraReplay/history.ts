import crypto from 'node:crypto';

/*
 * A 90-day history of four repositories, simulated as git would record it (a commit DAG with real
 * merge commits, branches living for weeks, author times in +05:30, a force push) and turned into
 * the webhook deliveries GitHub sends for it. The ground truth (DAG, deployments, incidents) goes
 * to the independent Python reference; the deliveries go to the portal.
 */

export const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface TruthCommit {
  sha: string;
  /** ISO timestamp with the author's own offset. */
  timestamp: string;
  parents: string[];
}
export interface TruthDeployment {
  repo: string;
  id: number;
  environment: 'staging' | 'production';
  sha: string;
  status: 'success' | 'failure';
  finishedAt: string;
}
export interface TruthIncident {
  repo: string;
  number: number;
  openedAt: string;
  resolvedAt?: string;
  rootCause: string;
}
export interface Truth {
  window: { from: string; to: string };
  commits: Record<string, TruthCommit[]>;
  deployments: TruthDeployment[];
  incidents: TruthIncident[];
}
export interface Delivery {
  at: number;
  event: string;
  payload: Record<string, unknown>;
}

export const REPOS = [
  // Branches living for weeks, merged with merge commits.
  {
    name: 'ledger',
    branchDays: [70, 130],
    deployEvery: 3,
    offset: '+00:00',
    prs: 0.95,
  },
  {
    name: 'checkout',
    branchDays: [0.2, 2],
    deployEvery: 1,
    offset: '+00:00',
    prs: 0.6,
  },
  {
    name: 'search',
    branchDays: [1, 6],
    deployEvery: 2,
    offset: '+05:30',
    prs: 0.6,
  },
  {
    name: 'billing',
    branchDays: [0.5, 4],
    deployEvery: 1.5,
    offset: '+05:30',
    prs: 0.6,
  },
] as const;

/** `@octokit/webhooks-examples`: GitHub's own payloads, the shapes every delivery starts from. */
export type WebhookExamples = { name: string; examples: any[] }[];
let examples: WebhookExamples = [];

function example(name: string, pick: (e: any) => boolean = () => true): any {
  const list = examples.find(e => e.name === name)!.examples;
  return structuredClone(list.find(pick) ?? list[0]);
}

/** Mulberry32: the same history on every run. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (lo: number, hi: number) => lo + (hi - lo) * next(),
    chance: (p: number) => next() < p,
  };
}

/** An instant as GitHub writes it in the author's offset (`2026-01-02T15:04:05+05:30`). */
export function withOffset(ms: number, offset: string): string {
  const sign = offset[0] === '-' ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  const local = new Date(ms + sign * (h * 60 + m) * 60_000);
  return `${local.toISOString().slice(0, 19)}${
    offset === '+00:00' ? 'Z' : offset
  }`;
}

const utc = (ms: number) => new Date(ms).toISOString().replace('.000', '');
const seconds = (ms: number) => Math.floor(ms / 1000) * 1000;

export function buildHistory(
  to: number,
  webhookExamples: WebhookExamples,
): {
  truth: Truth;
  deliveries: Delivery[];
} {
  examples = webhookExamples;
  const from = to - 90 * DAY;
  const start = to - 110 * DAY;
  const truth: Truth = {
    window: { from: utc(from), to: utc(to) },
    commits: {},
    deployments: [],
    incidents: [],
  };
  const deliveries: Delivery[] = [];
  let counter = 0;
  let deploymentId = 9_000_000;

  REPOS.forEach((spec, repoIndex) => {
    const rnd = random(1000 + repoIndex);
    const fullName = `replay-org/${spec.name}`;
    const repository = {
      ...example('push').repository,
      name: spec.name,
      full_name: fullName,
      default_branch: 'main',
    };
    const commits: TruthCommit[] = [];
    truth.commits[fullName] = commits;
    const newSha = () =>
      crypto.createHash('sha1').update(`replay ${++counter}`).digest('hex');
    const commitAt = (t: number, parents: string[]) => {
      const c = {
        sha: newSha(),
        timestamp: withOffset(seconds(t), spec.offset),
        parents,
      };
      commits.push(c);
      return c;
    };
    /** main's head over time, to branch from the head of an earlier day. */
    const heads: { t: number; sha: string }[] = [];
    const root = commitAt(start - 150 * DAY, []);
    heads.push({ t: start - 150 * DAY, sha: root.sha });
    // The repository's first push, so its first commit is known like every other.
    deliveries.push({
      at: start - 150 * DAY,
      event: 'push',
      payload: {
        ...example('push'),
        ref: 'refs/heads/main',
        before: '0'.repeat(40),
        after: root.sha,
        created: true,
        deleted: false,
        forced: false,
        commits: [
          {
            ...example('push', e => e.commits.length > 0).commits[0],
            id: root.sha,
            timestamp: root.timestamp,
          },
        ],
        head_commit: null,
        repository,
      },
    });
    const headAt = (t: number) => [...heads].reverse().find(h => h.t <= t)!.sha;
    const head = () => heads[heads.length - 1].sha;

    const pushCommit = (
      c: TruthCommit,
      distinct: boolean,
      message?: string,
    ) => ({
      ...example('push', e => e.commits.length > 0).commits[0],
      id: c.sha,
      distinct,
      message: message ?? (distinct ? 'Change' : 'Work on a branch'),
      timestamp: c.timestamp,
    });
    const push = (
      t: number,
      before: string,
      listed: { c: TruthCommit; distinct: boolean; message?: string }[],
      forced = false,
    ) => {
      const after = listed[listed.length - 1].c;
      deliveries.push({
        at: t,
        event: 'push',
        payload: {
          ...example('push'),
          ref: 'refs/heads/main',
          before,
          after: after.sha,
          forced,
          created: false,
          deleted: false,
          commits: listed.map(l => pushCommit(l.c, l.distinct, l.message)),
          head_commit: pushCommit(after, true),
          repository,
        },
      });
      heads.push({ t, sha: after.sha });
    };
    let prNumber = 0;
    const pullRequest = (t: number, merged: boolean, extra: object) => {
      const pr = example('pull_request', e => e.action === 'closed');
      deliveries.push({
        at: t,
        event: 'pull_request',
        payload: {
          ...pr,
          action: 'closed',
          number: ++prNumber,
          pull_request: {
            ...pr.pull_request,
            number: prNumber,
            merged,
            state: 'closed',
            closed_at: utc(t),
            merged_at: merged ? utc(t) : null,
            ...extra,
          },
          repository,
        },
      });
    };

    // A deployment of a SHA: in_progress, then its final state.
    const deploy = (
      t: number,
      environment: 'staging' | 'production',
      sha: string,
      status: 'success' | 'failure',
    ) => {
      const id = ++deploymentId;
      const base = example('deployment_status');
      const deployment = {
        ...base.deployment,
        id,
        sha,
        ref: sha === headAt(t) ? 'main' : sha,
        environment,
        original_environment: environment,
        created_at: utc(t - 10 * 60_000),
        updated_at: utc(t),
      };
      for (const [state, at] of [
        ['in_progress', t - 5 * 60_000],
        [status, t],
      ] as const) {
        deliveries.push({
          at,
          event: 'deployment_status',
          payload: {
            ...base,
            action: 'created',
            deployment,
            deployment_status: {
              ...base.deployment_status,
              state,
              environment,
              created_at: utc(at),
              updated_at: utc(at),
            },
            repository,
          },
        });
      }
      truth.deployments.push({
        repo: fullName,
        id,
        environment,
        sha,
        status,
        finishedAt: utc(t),
      });
    };
    // Changes: merged PRs (merge commits of branches), direct commits, unmerged PRs.
    let forcedOnce = false;
    for (let t = start + rnd.between(0, 12) * HOUR; t < to; ) {
      const kind = rnd.next();
      if (spec.name === 'search' && !forcedOnce && t > from + 40 * DAY) {
        // A commit pushed after a production deployment, then rewritten within a minute by a
        // force push of two others on the deployed head. (The payload of a forced push does not
        // say where the new commits fork, so the deployed history below is what survives.)
        forcedOnce = true;
        const base = head();
        deploy(t - 30_000, 'production', base, 'success');
        const a = commitAt(t - HOUR, [base]);
        push(t, base, [{ c: a, distinct: true }]);
        const a2 = commitAt(t + 20_000, [base]);
        const b2 = commitAt(t + 40_000, [a2.sha]);
        push(
          t + 60_000,
          a.sha,
          [
            { c: a2, distinct: true },
            { c: b2, distinct: true },
          ],
          true,
        );
      } else if (kind < spec.prs) {
        const branchStart =
          t - rnd.between(spec.branchDays[0], spec.branchDays[1]) * DAY;
        let parent = headAt(branchStart);
        const n = 1 + Math.floor(rnd.between(0, 4));
        const branch: TruthCommit[] = [];
        for (let i = 0; i < n; i++) {
          const ct = branchStart + ((i + 0.5) / n) * (t - branchStart - HOUR);
          const c = commitAt(ct, [parent]);
          branch.push(c);
          parent = c.sha;
        }
        const before = head();
        const merge = commitAt(t, [before, parent]);
        // GitHub's merge message; pullRequest() below takes the next number.
        push(t, before, [
          ...branch.map(c => ({ c, distinct: false })),
          {
            c: merge,
            distinct: true,
            message: `Merge pull request #${
              prNumber + 1
            } from ${fullName}-branch`,
          },
        ]);
        pullRequest(t + 1000, true, {
          // Opened a day before the merge, after most of the branch's commits.
          created_at: utc(seconds(Math.max(branchStart, t - DAY))),
          merge_commit_sha: merge.sha,
          head: { ...example('pull_request').pull_request.head, sha: parent },
        });
      } else if (kind < spec.prs + (0.3 * (1 - spec.prs)) / 0.4) {
        const before = head();
        const a = commitAt(t - rnd.between(0.1, 3) * HOUR, [before]);
        const listed = [{ c: a, distinct: true }];
        if (rnd.chance(0.4)) {
          listed.push({ c: commitAt(t - 60_000, [a.sha]), distinct: true });
        }
        push(t, before, listed);
      } else {
        pullRequest(t, false, { merge_commit_sha: newSha() });
      }
      t += rnd.between(4, 30) * HOUR;
    }

    let issueNumber = 1000;
    let lastGood: string | undefined;
    for (let t = from - 5 * DAY + rnd.between(9, 17) * HOUR; t < to - DAY; ) {
      t = seconds(t);
      const sha = headAt(t);
      deploy(t - 40 * 60_000, 'staging', sha, 'success');
      const failed = rnd.chance(0.06);
      deploy(t, 'production', sha, failed ? 'failure' : 'success');
      if (failed) {
        // The same SHA again after a fix of the pipeline.
        deploy(t + rnd.between(1, 5) * HOUR, 'production', sha, 'success');
        lastGood = sha;
      } else if (lastGood && lastGood !== sha && rnd.chance(0.06)) {
        // A rollback GitHub sends no flag for: the previous SHA goes out again.
        deploy(
          t + rnd.between(0.5, 3) * HOUR,
          'production',
          lastGood,
          'success',
        );
      } else {
        if (rnd.chance(0.12)) {
          const openedAt = t + rnd.between(0.5, 6) * HOUR;
          const resolvedAt = openedAt + rnd.between(2, 48) * HOUR;
          incident(openedAt, resolvedAt < to ? resolvedAt : undefined, sha);
        }
        lastGood = sha;
      }
      t += rnd.between(0.5, 1.5) * spec.deployEvery * DAY;
    }

    function incident(
      openedAt: number,
      resolvedAt: number | undefined,
      cause: string,
    ) {
      const number = ++issueNumber;
      const base = example('issues', e => e.action === 'opened');
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
      deliveries.push({
        at: openedAt,
        event: 'issues',
        payload: { ...base, action: 'opened', issue, repository },
      });
      if (resolvedAt !== undefined) {
        deliveries.push({
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
            repository,
          },
        });
      }
      truth.incidents.push({
        repo: fullName,
        number,
        openedAt: utc(seconds(openedAt)),
        ...(resolvedAt !== undefined && {
          resolvedAt: utc(seconds(resolvedAt)),
        }),
        rootCause: cause,
      });
    }
  });

  deliveries.sort((a, b) => a.at - b.at);
  return { truth, deliveries };
}
