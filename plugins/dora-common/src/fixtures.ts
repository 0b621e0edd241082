import { Random, createRandom } from '@internal/portal-common';
import {
  FailureMode,
  HistoryProfile,
  PROFILES,
  ProfileSpec,
} from './fixtureProfiles';
import { DAY_MS, HOUR_MS } from './time';
import { Change, Deployment, DoraEvents, Incident } from './types';

/**
 * Options for generateHistory.
 *
 * @public
 */
export interface GenerateHistoryOptions {
  seed: number;
  /** Length of the history in days, ending at `end`. */
  days: number;
  services: ReadonlyArray<{ entityRef: string; profile: HistoryProfile }>;
  /**
   * Exclusive end of the history; default 2025-01-01T00:00:00Z, fixed so
   * that output never depends on the clock.
   */
  end?: Date | number;
  /** Also emit a staging deployment before each regular one; default true. */
  staging?: boolean;
}

/**
 * A generated history and the window it covers.
 *
 * @public
 */
export interface GeneratedHistory extends Required<DoraEvents> {
  deployments: Deployment[];
  changes: Change[];
  incidents: Incident[];
  window: { from: number; to: number };
}

const DEFAULT_END = Date.UTC(2025, 0, 1);

/**
 * Generates a realistic, fully deterministic history: regular deployments
 * with commits and PRs, staging deployments, failures of several kinds with
 * their incidents, rollbacks and hotfixes. The same options always give the
 * same output, and each service's events depend only on the seed and its
 * own entityRef and profile.
 *
 * @public
 */
export function generateHistory(
  options: GenerateHistoryOptions,
): GeneratedHistory {
  const to = options.end === undefined ? DEFAULT_END : +options.end;
  const window = { from: to - options.days * DAY_MS, to };
  const out: GeneratedHistory = {
    deployments: [],
    changes: [],
    incidents: [],
    window,
  };
  for (const service of options.services) {
    generateService(out, {
      random: createRandom(`${options.seed}:${service.entityRef}`),
      entityRef: service.entityRef,
      spec: PROFILES[service.profile],
      staging: options.staging ?? true,
    });
  }
  const by =
    <T>(key: (item: T) => string) =>
    (a: T, b: T) =>
      key(a) < key(b) ? -1 : Number(key(a) > key(b));
  out.deployments.sort(by(d => d.finishedAt + d.id));
  out.changes.sort(by(c => c.committedAt + c.sha));
  out.incidents.sort(by(i => i.openedAt + i.id));
  return out;
}

function statusOf(mode: FailureMode | undefined): Deployment['status'] {
  switch (mode) {
    case 'failed':
    case 'failed-until-next':
      return 'failure';
    case 'rolled-back':
      return 'rolled_back';
    default:
      return 'success';
  }
}

interface ServiceContext {
  random: Random;
  entityRef: string;
  spec: ProfileSpec;
  staging: boolean;
}

const iso = (t: number) => new Date(t).toISOString();

function generateService(out: GeneratedHistory, ctx: ServiceContext): void {
  const { random, entityRef, spec } = ctx;
  const name = entityRef.slice(entityRef.indexOf('/') + 1);
  const { from, to } = out.window;
  let seq = 0;
  let prSeq = 0;
  const nextId = (kind: string) => `${name}-${kind}-${++seq}`;
  const deploy = (
    t: number,
    fields: Partial<Deployment> & Pick<Deployment, 'commitShas'>,
  ) => {
    const d: Deployment = {
      id: nextId('prod'),
      entityRef,
      environment: 'production',
      status: 'success',
      type: 'normal',
      startedAt: iso(t - random.between(2, 15) * 60_000),
      finishedAt: iso(t),
      version: `1.${seq}.0`,
      source: 'fixtures',
      ...fields,
    };
    out.deployments.push(d);
    return d;
  };
  const commit = (committedAt: number, pr?: Partial<Change>) => {
    const sha = random.hex(40);
    const authoredAt = committedAt - random.between(0, 2) * HOUR_MS;
    out.changes.push({
      sha,
      entityRef,
      authoredAt: iso(authoredAt),
      committedAt: iso(committedAt),
      ...pr,
    });
    return sha;
  };

  // Error diffusion instead of independent coin flips: the share of failing
  // deployments stays within one deployment of failureRate for any seed,
  // which keeps the profile's CFR tier stable on short histories.
  const phase = random.next();
  const fails = (i: number) =>
    Math.floor((i + 1) * spec.failureRate + phase) >
    Math.floor(i * spec.failureRate + phase);

  let carried: string[] = [];
  let lastGood: string[] = [];
  let t = from + random.between(0, spec.intervalHours[1]) * HOUR_MS;
  for (let i = 0; t < to; i++) {
    const shas = [...carried, ...regularCommits(t)];
    const failing = fails(i);
    const mode: FailureMode | undefined = failing
      ? random.pick(spec.modes)
      : undefined;
    const restoreAt = t + random.between(...spec.recoveryHours) * HOUR_MS;
    if (ctx.staging) {
      out.deployments.push({
        ...stagingOf(t),
        commitShas: shas,
      });
    }
    const status = statusOf(mode);
    const d = deploy(t, { status, commitShas: shas });
    carried = status === 'success' ? [] : shas;
    if (mode === 'failed' || mode === 'rolled-back' || mode === 'rollback') {
      if (restoreAt < to) {
        deploy(restoreAt, { type: 'rollback', commitShas: lastGood });
      }
    } else if (mode === 'incident-hotfix' || mode === 'incident-mitigated') {
      incident(d, restoreAt, mode === 'incident-hotfix');
    }
    if (status === 'success') {
      lastGood = shas;
    }
    const interval = random.between(...spec.intervalHours) * HOUR_MS;
    t = Math.max(t + interval, restoreAt + HOUR_MS);
  }

  function regularCommits(deployAt: number): string[] {
    const shas: string[] = [];
    let remaining = random.int(...spec.commitsPerDeployment);
    while (remaining > 0) {
      const inPr = Math.min(remaining, random.int(1, 3));
      remaining -= inPr;
      const leads = Array.from({ length: inPr }, () =>
        random.between(...spec.leadTimeHours),
      );
      const commits = leads.map(h => deployAt - h * HOUR_MS);
      const first = Math.min(...commits) - random.between(0, 2) * HOUR_MS;
      const last = Math.max(...commits);
      const mergedAt = last + random.between(0.05, 0.9) * (deployAt - last);
      const createdAt = first + random.between(0, 0.4) * (mergedAt - first);
      const reviewAt =
        createdAt + random.between(0.05, 0.7) * (mergedAt - createdAt);
      const pr: Partial<Change> = {
        prId: `${name}#${++prSeq}`,
        prCreatedAt: iso(createdAt),
        prFirstReviewAt: iso(reviewAt),
        prMergedAt: iso(mergedAt),
      };
      shas.push(...commits.map(c => commit(c, pr)));
    }
    return shas;
  }

  function stagingOf(prodAt: number): Deployment {
    const stagedAt = prodAt - random.between(10, 30) * 60_000;
    return {
      id: nextId('stg'),
      entityRef,
      environment: 'staging',
      status: 'success',
      type: 'normal',
      finishedAt: iso(stagedAt),
      commitShas: [],
      source: 'fixtures',
    };
  }

  function incident(cause: Deployment, restoreAt: number, hotfix: boolean) {
    const causeAt = Date.parse(cause.finishedAt);
    const openedAt =
      causeAt + random.between(0.05, 0.3) * (restoreAt - causeAt);
    if (openedAt >= to) {
      return;
    }
    const explicit = random.next() < 0.5;
    out.incidents.push({
      id: nextId('inc'),
      entityRef,
      severity: random.pick(['sev1', 'sev2', 'sev3']),
      openedAt: iso(openedAt),
      ...(restoreAt < to && { resolvedAt: iso(restoreAt) }),
      causedBy: explicit
        ? { deploymentId: cause.id }
        : { commitSha: random.pick(cause.commitShas) },
    });
    const fixAt = restoreAt - random.between(0, 0.1) * (restoreAt - openedAt);
    if (hotfix && fixAt < to) {
      const sha = commit(openedAt + 0.5 * (fixAt - openedAt));
      deploy(fixAt, { type: 'hotfix', commitShas: [sha] });
    }
  }
}
