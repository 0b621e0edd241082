import { CommitGraph, commitGraph } from './facts/commitGraph';
import { ms } from './time';
import { Change, Deployment, DoraEvents, Incident } from './types';

/**
 * Keeps the first item for every key and drops later ones.
 *
 * @remarks
 * First write wins so that re-delivery of an event (webhook retries, a
 * replayed CDEvents stream) never changes a result; this is the pure
 * equivalent of `INSERT … ON CONFLICT DO NOTHING`.
 *
 * @public
 */
export function dedupeFirstWins<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
): T[] {
  const seen = new Set<string>();
  const result: T[] = [];
  for (const item of items) {
    const key = keyOf(item);
    if (!seen.has(key)) {
      seen.add(key);
      result.push(item);
    }
  }
  return result;
}

/**
 * Deduplicates a history: deployments and incidents by `id`, changes by
 * `sha`, keeping the first of each (see dedupeFirstWins).
 *
 * @public
 */
export function dedupeEvents(events: DoraEvents): {
  deployments: Deployment[];
  changes: Change[];
  incidents: Incident[];
} {
  return {
    deployments: dedupeFirstWins(events.deployments, d => d.id),
    changes: dedupeFirstWins(events.changes ?? [], c => c.sha),
    incidents: dedupeFirstWins(events.incidents ?? [], i => i.id),
  };
}

/** A deployment with its parsed `finishedAt`. */
export interface TimedDeployment extends Deployment {
  /** `finishedAt` in epoch milliseconds. */
  t: number;
}

/**
 * Total order used wherever "earliest", "last" or "next" deployment is
 * meant: by finish time, ties broken by id in code-unit order (SQL:
 * `ORDER BY finished_at, id COLLATE "C"`), so results never depend on input
 * order.
 */
export function byFinish(a: TimedDeployment, b: TimedDeployment): number {
  if (a.t !== b.t) {
    return a.t - b.t;
  }
  if (a.id === b.id) {
    return 0;
  }
  return a.id < b.id ? -1 : 1;
}

/** Deduplicated, parsed and ordered events, indexed for the fact builders. */
export interface PreparedEvents {
  /** All deployments, every environment and status, ordered by byFinish. */
  deployments: TimedDeployment[];
  changes: Change[];
  incidents: Incident[];
  deploymentById: Map<string, TimedDeployment>;
  /** Parent edges of every change record, duplicates included (a union). */
  graph: CommitGraph;
}

/** Dedupes, parses and orders a history once for all keys. */
export function prepareEvents(events: DoraEvents): PreparedEvents {
  const { deployments, changes, incidents } = dedupeEvents(events);
  const timed = deployments
    .map(d => ({ ...d, t: ms(d.finishedAt) }))
    .sort(byFinish);
  return {
    deployments: timed,
    changes,
    incidents,
    deploymentById: new Map(timed.map(d => [d.id, d])),
    graph: commitGraph(events.changes ?? []),
  };
}

/** Groups items under a string key, preserving their order. */
export function groupBy<T>(
  items: Iterable<T>,
  keyOf: (item: T) => string,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) {
      group.push(item);
    } else {
      groups.set(key, [item]);
    }
  }
  return groups;
}
