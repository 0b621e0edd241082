import crypto from 'node:crypto';
import { createRandom } from '@internal/portal-common';
import { PushedCommit, RepositoryPayloads, WebhookExamples } from './payloads';
import { DAY, HOUR, seconds, utc, withOffset } from './time';

/*
 * A 90-day history of four repositories, simulated as git would record it (a commit DAG with real
 * merge commits, branches living for weeks, author times in +05:30, a force push) and turned into
 * the webhook deliveries GitHub sends for it (payloads.ts). The ground truth (DAG, deployments,
 * incidents) goes to the independent Python reference; the deliveries go to the portal.
 */

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

/** Seeded, so every run simulates the same history. */
function random(seed: number) {
  const rnd = createRandom(seed);
  return { ...rnd, chance: (p: number) => rnd.next() < p };
}

export function buildHistory(
  to: number,
  webhookExamples: WebhookExamples,
): {
  truth: Truth;
  deliveries: Delivery[];
} {
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
    const payloads = new RepositoryPayloads(
      webhookExamples,
      spec.name,
      fullName,
    );
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
    deliveries.push(payloads.firstPush(start - 150 * DAY, root));
    const headAt = (t: number) => [...heads].reverse().find(h => h.t <= t)!.sha;
    const head = () => heads[heads.length - 1].sha;

    const push = (
      t: number,
      before: string,
      listed: PushedCommit[],
      forced = false,
    ) => {
      deliveries.push(payloads.push(t, before, listed, forced));
      heads.push({ t, sha: listed[listed.length - 1].c.sha });
    };
    let prNumber = 0;
    const pullRequest = (t: number, merged: boolean, extra: object) => {
      deliveries.push(payloads.closedPullRequest(t, ++prNumber, merged, extra));
    };

    // A deployment of a SHA: in_progress, then its final state.
    const deploy = (
      t: number,
      environment: 'staging' | 'production',
      sha: string,
      status: 'success' | 'failure',
    ) => {
      const id = ++deploymentId;
      deliveries.push(
        ...payloads.deploymentStatuses(t, {
          id,
          sha,
          ref: sha === headAt(t) ? 'main' : sha,
          environment,
          status,
        }),
      );
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
          head: payloads.pullRequestHead(parent),
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
      deliveries.push(
        ...payloads.incidentIssue(number, openedAt, resolvedAt, cause),
      );
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
