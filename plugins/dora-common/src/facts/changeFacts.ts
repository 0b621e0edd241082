import { PreparedEvents, TimedDeployment, groupBy } from '../prepare';
import { ms } from '../time';
import { Change } from '../types';
import { EntityChanges } from './entityChanges';

/**
 * Lead time of one change to one entity: a commit deployed by several
 * entities (monorepos) yields one sample per entity.
 */
export interface LeadTimeSample {
  sha: string;
  entityRef: string;
  prId?: string;
  committedAt: number;
  deployedAt: number;
  deploymentId: string;
  /** The source of that deployment (with entityRef and deploymentId, its key). */
  deploymentSource: string;
  leadTimeMs: number;
}

/**
 * PR stage durations of one PR deployed to one entity, in milliseconds;
 * a stage is `undefined` when one of its endpoints is unknown.
 */
export interface PrSample {
  prId: string;
  entityRef: string;
  deployedAt: number;
  coding?: number;
  pickup?: number;
  review?: number;
  deploy?: number;
}

/** PR timestamps merged over all changes of one PR (earliest of each). */
interface PrTimes {
  firstCommitAt: number;
  createdAt?: number;
  firstReviewAt?: number;
  mergedAt?: number;
}

/** Lead-time samples and PR samples of one history. */
export interface ChangeFacts {
  samples: LeadTimeSample[];
  prs: PrSample[];
}

/**
 * Lead-time and PR samples for successful deployments to `environment`.
 *
 * A deployment of SHA X delivers every commit reachable from X (through the
 * parent edges the sources reported) that no earlier successful deployment
 * of the same entity and environment delivered. A change's sample is taken
 * at the first deployment (by finish time, then id) that delivers it and
 * finished at or after `committedAt`. Each entity counts its own record of a
 * commit, else the entity-less one, and follows only those records' parent
 * edges (see changesByEntity): another entity's record of the same SHA is
 * not seen. Without parent edges a deployment delivers exactly its
 * `commitShas`.
 */
export function changeFacts(
  events: PreparedEvents,
  environment: string,
): ChangeFacts {
  const timelines = groupBy(
    events.deployments.filter(
      d => d.status === 'success' && d.environment === environment,
    ),
    d => d.entityRef,
  );
  const samples: LeadTimeSample[] = [];
  for (const [entityRef, timeline] of timelines) {
    deliver(timeline, events.changesFor(entityRef), samples);
  }
  return { samples, prs: prSamples(events, samples) };
}

/**
 * Walks one entity's successful deployments in order. `delivered` is closed
 * under ancestry, so each walk stops where an earlier deployment's reach
 * begins and every commit is visited about once per entity and environment.
 * A commit timestamped after the deployment that reaches it (clock skew) is
 * left undelivered, so a later deployment may still take its sample, as
 * when deployments list their commits explicitly.
 */
function deliver(
  timeline: readonly TimedDeployment[],
  changes: EntityChanges,
  samples: LeadTimeSample[],
): void {
  const delivered = new Set<string>();
  for (const d of timeline) {
    const seen = new Set<string>();
    const stack = [...d.commitShas];
    while (stack.length > 0) {
      const sha = stack.pop()!;
      if (seen.has(sha) || delivered.has(sha)) continue;
      seen.add(sha);
      stack.push(...changes.graph.parentsOf(sha));
      const change = changes.changeOf(sha);
      if (!change) {
        delivered.add(sha);
        continue;
      }
      const committedAt = ms(change.committedAt);
      if (committedAt > d.t) continue;
      delivered.add(sha);
      samples.push({
        sha,
        entityRef: d.entityRef,
        ...(change.prId !== undefined && { prId: change.prId }),
        committedAt,
        deployedAt: d.t,
        deploymentId: d.id,
        deploymentSource: d.source,
        leadTimeMs: d.t - committedAt,
      });
    }
  }
}

/**
 * One sample per entity and PR; each PR time is the earliest over the records
 * of the PR that entity counts (see changesByEntity).
 */
function prSamples(
  events: PreparedEvents,
  samples: readonly LeadTimeSample[],
): PrSample[] {
  const timesOf = new Map<string, Map<string, PrTimes>>();
  const groups = groupBy(
    samples.filter(s => s.prId !== undefined),
    s => `${s.entityRef}\u0000${s.prId}`,
  );
  const prs: PrSample[] = [];
  for (const group of groups.values()) {
    const { prId, entityRef } = group[0];
    let times = timesOf.get(entityRef);
    if (!times) {
      times = prTimes(events.changesFor(entityRef).changes());
      timesOf.set(entityRef, times);
    }
    const pr = times.get(prId!)!;
    const deployedAt = group.reduce(
      (min, s) => Math.min(min, s.deployedAt),
      Infinity,
    );
    prs.push({
      prId: prId!,
      entityRef,
      deployedAt,
      coding: stage(pr.firstCommitAt, pr.createdAt),
      pickup: stage(pr.createdAt, pr.firstReviewAt),
      review: stage(pr.firstReviewAt, pr.mergedAt),
      deploy: stage(pr.mergedAt, deployedAt),
    });
  }
  return prs;
}

/**
 * Duration between two stage endpoints, clamped at zero: commits authored
 * after the PR was opened and post-merge reviews are normal and must not
 * produce negative stages.
 */
function stage(start?: number, end?: number): number | undefined {
  if (start === undefined || end === undefined) {
    return undefined;
  }
  return Math.max(0, end - start);
}

function prTimes(changes: readonly Change[]): Map<string, PrTimes> {
  const times = new Map<string, PrTimes>();
  const earliest = (a: number | undefined, b: string | undefined) => {
    if (b === undefined) return a;
    const t = ms(b);
    return a === undefined || t < a ? t : a;
  };
  for (const change of changes) {
    if (change.prId === undefined) {
      continue;
    }
    const firstCommit = ms(change.authoredAt ?? change.committedAt);
    const pr = times.get(change.prId);
    if (!pr) {
      times.set(change.prId, {
        firstCommitAt: firstCommit,
        createdAt: earliest(undefined, change.prCreatedAt),
        firstReviewAt: earliest(undefined, change.prFirstReviewAt),
        mergedAt: earliest(undefined, change.prMergedAt),
      });
    } else {
      pr.firstCommitAt = Math.min(pr.firstCommitAt, firstCommit);
      pr.createdAt = earliest(pr.createdAt, change.prCreatedAt);
      pr.firstReviewAt = earliest(pr.firstReviewAt, change.prFirstReviewAt);
      pr.mergedAt = earliest(pr.mergedAt, change.prMergedAt);
    }
  }
  return times;
}
