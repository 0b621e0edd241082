import { InputError } from '@backstage/errors';
import {
  PreparedEvents,
  TimedDeployment,
  groupBy,
  namedDeployment,
  prepareEvents,
} from './prepare';
import { CommitGraph } from './facts/commitGraph';
import { HOUR_MS, ms } from './time';
import { Change, Deployment, Incident, IncidentLink } from './types';

/**
 * Options for linkIncidents.
 *
 * @public
 */
export interface LinkOptions {
  /**
   * How far back (hours, inclusive) the time-window fallback looks for the
   * last successful deployment before an incident opened.
   */
  timeWindowHours: number;
  /**
   * Environment whose deployments can be blamed by the by-commit and
   * time-window rules; incidents carry no environment and are taken to be
   * about this one. Default `production`.
   */
  environment?: string;
}

/**
 * Attributes each incident to at most one deployment.
 *
 * @remarks
 * Rules, first match wins:
 *
 * 1. `explicit` — `causedBy.deploymentId` names a known deployment of the
 *    incident's own entity (any environment, status or source; of several
 *    sources' deployments with the id, the first by finish time). Another
 *    entity's deployment with that id is never named. An unknown id falls
 *    through to the next rules, so a cause that arrives later simply
 *    relinks on recompute.
 * 2. `by-commit` — `causedBy.commitSha`: the earliest (by finish time, then
 *    id) successful deployment of the incident's entity to the environment
 *    that delivered the commit (it is one of its `commitShas` or reachable
 *    from them through the changes' parents) and finished at or before
 *    `openedAt`.
 * 3. `time-window` (inferred) — the last successful deployment of the
 *    incident's entity to the environment that finished in
 *    `[openedAt − timeWindowHours, openedAt]`.
 * 4. Otherwise the incident stays unlinked.
 *
 * Incidents (by entity and id) and deployments (by source, entity and id)
 * are deduplicated first (first wins).
 * Links are returned in incident order.
 *
 * @public
 */
export function linkIncidents(
  incidents: readonly Incident[],
  deployments: readonly Deployment[],
  options: LinkOptions,
  changes: readonly Change[] = [],
): IncidentLink[] {
  return linkPrepared(
    prepareEvents({ deployments, incidents, changes }),
    options,
  );
}

/** linkIncidents over already prepared events. */
export function linkPrepared(
  events: PreparedEvents,
  options: LinkOptions,
): IncidentLink[] {
  const { timeWindowHours } = options;
  if (!(Number.isFinite(timeWindowHours) && timeWindowHours >= 0)) {
    throw new InputError('timeWindowHours: must be a non-negative number');
  }
  const environment = options.environment ?? 'production';
  const windowMs = timeWindowHours * HOUR_MS;
  // Successful deployments to the environment per entity, already in order.
  const candidates = groupBy(
    events.deployments.filter(
      d => d.status === 'success' && d.environment === environment,
    ),
    d => d.entityRef,
  );

  const links: IncidentLink[] = [];
  for (const incident of events.incidents) {
    const link = linkOne(incident);
    if (link) {
      links.push(link);
    }
  }
  return links;

  function linkOne(incident: Incident): IncidentLink | undefined {
    const make = (
      deployment: TimedDeployment,
      method: IncidentLink['method'],
    ): IncidentLink => ({
      entityRef: incident.entityRef,
      incidentId: incident.id,
      deploymentId: deployment.id,
      deploymentSource: deployment.source,
      method,
      inferred: method === 'time-window',
    });
    const { deploymentId, commitSha } = incident.causedBy ?? {};
    const explicit =
      deploymentId === undefined
        ? undefined
        : namedDeployment(events, incident.entityRef, deploymentId);
    if (explicit) {
      return make(explicit, 'explicit');
    }
    const opened = ms(incident.openedAt);
    const ofEntity = candidates.get(incident.entityRef) ?? [];
    if (commitSha !== undefined) {
      const first = firstDelivering(
        ofEntity,
        events.changesFor(incident.entityRef).graph,
        commitSha,
        opened,
      );
      if (first) {
        return make(first, 'by-commit');
      }
    }
    for (let i = ofEntity.length - 1; i >= 0; i--) {
      const d = ofEntity[i];
      if (d.t <= opened) {
        return d.t >= opened - windowMs ? make(d, 'time-window') : undefined;
      }
    }
    return undefined;
  }

  /**
   * The first deployment whose reach holds `sha`. `seen` accumulates the
   * earlier deployments' reach: a path through it would have found `sha`
   * before, so each commit is visited once.
   */
  function firstDelivering(
    timeline: readonly TimedDeployment[],
    graph: CommitGraph,
    sha: string,
    opened: number,
  ): TimedDeployment | undefined {
    const seen = new Set<string>();
    for (const d of timeline) {
      if (d.t > opened) return undefined;
      const stack = [...d.commitShas];
      while (stack.length > 0) {
        const next = stack.pop()!;
        if (next === sha) return d;
        if (seen.has(next)) continue;
        seen.add(next);
        stack.push(...graph.parentsOf(next));
      }
    }
    return undefined;
  }
}
