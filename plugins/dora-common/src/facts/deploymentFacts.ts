import { deploymentKey, incidentKey } from '../eventKeys';
import { PreparedEvents, TimedDeployment, byFinish, groupBy } from '../prepare';
import { ms } from '../time';
import { ChangeKind, Deployment, Incident, IncidentLink } from '../types';
import { CommitGraph, allReachable } from './commitGraph';

/**
 * Why a deployment counts as failed; a deployment can have several reasons.
 *
 * @public
 */
export type FailureReason =
  | 'failed'
  | 'rolled-back'
  | 'followed-by-rollback'
  | 'replaced-by-ancestor'
  | 'caused-incident';

/**
 * Why a deployment counts as rework (an unplanned fix).
 *
 * @public
 */
export type ReworkReason = 'hotfix' | 'restored-incident';

/**
 * A deployment as the drill-down lists it: with the reasons it was counted
 * as failed or as rework (absent: not a completed deployment to an
 * environment the facts were derived for).
 *
 * @public
 */
export type ListedDeployment = Deployment & {
  failureReasons?: FailureReason[];
  reworkReasons?: ReworkReason[];
  /**
   * A successful deployment whose every commit is known to a source: what the lead-time
   * coverage counts. Absent while the deployment's facts are not derived (the metrics do not
   * count it then either).
   */
  ancestryKnown?: boolean;
};

/** Per-deployment facts the stability keys aggregate over. */
export interface DeploymentFact {
  deployment: TimedDeployment;
  failureReasons: FailureReason[];
  /** Failed only because of inferred (time-window) incident links. */
  inferredOnly: boolean;
  /** When service was restored (epoch ms); set only for failed ones. */
  restoredAt?: number;
  reworkReasons: ReworkReason[];
  /**
   * Every commit it deployed is known to a source (ancestry coverage); a
   * deployment without commits has none.
   */
  ancestryKnown: boolean;
}

/** Statuses that mean a deployment ran to completion. */
export function isCompleted(d: TimedDeployment): boolean {
  return (
    d.status === 'success' ||
    d.status === 'failure' ||
    d.status === 'rolled_back'
  );
}

/**
 * Facts for every completed deployment to `environment`, in deployment
 * order. `links` must already exclude links the caller does not count.
 */
export function deploymentFacts(
  events: PreparedEvents,
  links: readonly IncidentLink[],
  environment: string,
  signals: ReadonlyMap<string, ReadonlySet<ChangeKind>> = new Map(),
): DeploymentFact[] {
  // A deployment delivering a revert is a rollback, one delivering a hotfix is a hotfix, as if
  // its source had said so; a type the source gave wins.
  const typeOf = (d: TimedDeployment) => {
    if (d.type !== 'normal') return d.type;
    const kinds = signals.get(deploymentKey(d));
    if (kinds?.has('revert')) return 'rollback';
    return kinds?.has('hotfix') ? 'hotfix' : 'normal';
  };
  const incidentByKey = new Map(events.incidents.map(i => [incidentKey(i), i]));
  const linksByDeployment = groupBy(links, linkedDeploymentKey);
  const timelines = groupBy(
    events.deployments.filter(d => d.environment === environment),
    d => d.entityRef,
  );
  const restorers = restoringDeployments(events.incidents, timelines);

  const facts: DeploymentFact[] = [];
  for (const [entityRef, timeline] of timelines) {
    const { graph } = events.changesFor(entityRef);
    // Walk backwards so "next completed" and "next success" are O(1) each.
    let nextCompleted: TimedDeployment | undefined;
    let nextSuccess: TimedDeployment | undefined;
    for (let i = timeline.length - 1; i >= 0; i--) {
      const d = timeline[i];
      if (isCompleted(d)) {
        const ownLinks = linksByDeployment.get(deploymentKey(d)) ?? [];
        const failureReasons: FailureReason[] = [];
        if (d.status === 'failure') failureReasons.push('failed');
        if (d.status === 'rolled_back') failureReasons.push('rolled-back');
        if (nextCompleted && typeOf(nextCompleted) === 'rollback') {
          failureReasons.push('followed-by-rollback');
        }
        if (
          nextCompleted?.status === 'success' &&
          isAncestorRedeploy(graph, nextCompleted, d)
        ) {
          failureReasons.push('replaced-by-ancestor');
        }
        if (ownLinks.length > 0) failureReasons.push('caused-incident');
        const reworkReasons: ReworkReason[] = [];
        if (typeOf(d) === 'hotfix') reworkReasons.push('hotfix');
        if (restorers.has(deploymentKey(d))) {
          reworkReasons.push('restored-incident');
        }
        facts.push({
          deployment: d,
          failureReasons,
          inferredOnly:
            failureReasons.length === 1 &&
            ownLinks.length > 0 &&
            ownLinks.every(l => l.inferred),
          restoredAt:
            failureReasons.length > 0
              ? restoredAt(d, ownLinks, incidentByKey, nextSuccess)
              : undefined,
          reworkReasons,
          ancestryKnown:
            d.commitShas.length > 0 &&
            d.commitShas.every(sha => graph.isKnown(sha)),
        });
        nextCompleted = d;
      }
      if (d.status === 'success') {
        nextSuccess = d;
      }
    }
  }
  return facts.sort((a, b) => byFinish(a.deployment, b.deployment));
}

/** The key of the deployment a link names (links stay within one entity). */
function linkedDeploymentKey(link: IncidentLink): string {
  return deploymentKey({
    entityRef: link.entityRef,
    source: link.deploymentSource,
    id: link.deploymentId,
  });
}

/**
 * A rollback no source flagged: a successful deployment all of whose commits
 * are ancestors of (or equal to) the commits of the completed deployment it
 * replaces, i.e. an older version of the same history went back out.
 */
function isAncestorRedeploy(
  graph: CommitGraph,
  next: TimedDeployment,
  replaced: TimedDeployment,
): boolean {
  return allReachable(graph, next.commitShas, replaced.commitShas);
}

/**
 * Service is restored at the earliest of: a linked incident's resolution
 * (ignoring resolutions before the deployment finished) and the next
 * successful deployment of the same entity and environment. `undefined`
 * means not recovered (yet).
 */
function restoredAt(
  d: TimedDeployment,
  links: readonly IncidentLink[],
  incidentByKey: Map<string, Incident>,
  nextSuccess: TimedDeployment | undefined,
): number | undefined {
  let earliest = nextSuccess?.t;
  for (const link of links) {
    const resolved = incidentByKey.get(
      incidentKey({ entityRef: link.entityRef, id: link.incidentId }),
    )?.resolvedAt;
    if (resolved !== undefined) {
      const t = ms(resolved);
      if (t >= d.t && (earliest === undefined || t < earliest)) {
        earliest = t;
      }
    }
  }
  return earliest;
}

/**
 * Keys (deploymentKey) of deployments that restored service for an incident: for each
 * resolved incident, the last successful deployment of the incident's
 * entity (to the environment) finished within `[openedAt, resolvedAt]`.
 */
function restoringDeployments(
  incidents: readonly Incident[],
  timelines: Map<string, TimedDeployment[]>,
): Set<string> {
  const ids = new Set<string>();
  for (const incident of incidents) {
    if (incident.resolvedAt === undefined) {
      continue;
    }
    const opened = ms(incident.openedAt);
    const resolved = ms(incident.resolvedAt);
    const timeline = timelines.get(incident.entityRef) ?? [];
    for (let i = timeline.length - 1; i >= 0; i--) {
      const d = timeline[i];
      if (d.t < opened) {
        break;
      }
      if (d.status === 'success' && d.t <= resolved) {
        ids.add(deploymentKey(d));
        break;
      }
    }
  }
  return ids;
}
