import { changeKey, deploymentKey, incidentKey } from './eventKeys';
import { EntityChanges, changesByEntity } from './facts/entityChanges';
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
 * Deduplicates a history: deployments by source, entity and `id`
 * (deploymentKey), incidents by entity and `id` (incidentKey), changes by
 * entity (none for an entity-less record) and `sha` (changeKey), keeping the
 * first of each (see dedupeFirstWins). The same id or SHA of two entities is
 * two records.
 *
 * @public
 */
export function dedupeEvents(events: DoraEvents): {
  deployments: Deployment[];
  changes: Change[];
  incidents: Incident[];
} {
  return {
    deployments: dedupeFirstWins(events.deployments, deploymentKey),
    changes: dedupeFirstWins(events.changes ?? [], changeKey),
    incidents: dedupeFirstWins(events.incidents ?? [], incidentKey),
  };
}

/** A deployment with its parsed `finishedAt`. */
export interface TimedDeployment extends Deployment {
  /** `finishedAt` in epoch milliseconds. */
  t: number;
}

/**
 * Total order used wherever "earliest", "last" or "next" deployment is
 * meant: by finish time, ties broken by id, then entity, then source, in
 * code-unit order (SQL: `ORDER BY finished_at, id, entity_ref, source
 * COLLATE "C"`), so results never depend on input order.
 */
export function byFinish(a: TimedDeployment, b: TimedDeployment): number {
  if (a.t !== b.t) {
    return a.t - b.t;
  }
  for (const key of ['id', 'entityRef', 'source'] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  return 0;
}

/**
 * The deployment an entity's reference names by id (an incident's
 * `causedBy.deploymentId`): only among that entity's own deployments, never
 * another's; of several sources' deployments with the id, the first by
 * byFinish.
 */
export function namedDeployment(
  events: PreparedEvents,
  entityRef: string,
  id: string,
): TimedDeployment | undefined {
  return events.deploymentByRef.get(JSON.stringify([entityRef, id]));
}

/** Deduplicated, parsed and ordered events, indexed for the fact builders. */
export interface PreparedEvents {
  /** All deployments, every environment and status, ordered by byFinish. */
  deployments: TimedDeployment[];
  changes: Change[];
  incidents: Incident[];
  /** By entity and id (see namedDeployment), the first by byFinish. */
  deploymentByRef: Map<string, TimedDeployment>;
  /**
   * The change records and ancestry an entity's figures use: its own records,
   * else the entity-less ones, never another entity's (see changesByEntity).
   */
  changesFor(entityRef: string): EntityChanges;
}

/** Dedupes, parses and orders a history once for all keys. */
export function prepareEvents(events: DoraEvents): PreparedEvents {
  const { deployments, changes, incidents } = dedupeEvents(events);
  const timed = deployments
    .map(d => ({ ...d, t: ms(d.finishedAt) }))
    .sort(byFinish);
  const deploymentByRef = new Map<string, TimedDeployment>();
  for (const d of timed) {
    const ref = JSON.stringify([d.entityRef, d.id]);
    if (!deploymentByRef.has(ref)) deploymentByRef.set(ref, d);
  }
  return {
    deployments: timed,
    changes,
    incidents,
    deploymentByRef,
    // Parents of every record, duplicates included: a later record of a commit may add edges.
    changesFor: changesByEntity(mergeParents(events.changes ?? [], changes)),
  };
}

/** The kept record of each key with the parent edges of all its records (a union). */
function mergeParents(all: readonly Change[], kept: Change[]): Change[] {
  const parents = new Map<string, Set<string>>();
  for (const c of all) {
    if (!c.parents?.length) continue;
    const key = changeKey(c);
    const set = parents.get(key) ?? new Set<string>();
    c.parents.forEach(p => set.add(p));
    parents.set(key, set);
  }
  if (parents.size === 0) return kept;
  return kept.map(c => {
    const set = parents.get(changeKey(c));
    return set ? { ...c, parents: [...set] } : c;
  });
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
