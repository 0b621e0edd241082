import {
  ChangeFacts,
  LeadTimeSample,
  PrSample,
  changeFacts,
} from './facts/changeFacts';
import { DeploymentFact, deploymentFacts } from './facts/deploymentFacts';
import { deploymentKey } from './eventKeys';
import { linkPrepared } from './linking';
import { DoraOptions, ResolvedOptions, resolveOptions } from './options';
import { PreparedEvents, prepareEvents } from './prepare';
import { ChangeKind, DoraEvents, IncidentLink } from './types';

/**
 * Everything the keys aggregate, derived once per history and options:
 * the SQL equivalent is a set of per-row fact views that the rollups group
 * by window and bucket.
 */
export interface Analysis {
  options: ResolvedOptions;
  events: PreparedEvents;
  /** All incident links, inferred ones included. */
  links: IncidentLink[];
  /** Completed deployments to the environment, in deployment order. */
  deployments: DeploymentFact[];
  leadTimes: LeadTimeSample[];
  prs: PrSample[];
}

/**
 * Explicit signals each deployment (by deploymentKey) delivered: the kinds of the changes whose lead-time sample it
 * took (the deployment that first delivered them).
 */
function signalsOf(
  events: PreparedEvents,
  facts: ChangeFacts,
): Map<string, Set<ChangeKind>> {
  const signals = new Map<string, Set<ChangeKind>>();
  for (const s of facts.samples) {
    const kind = events.changesFor(s.entityRef).changeOf(s.sha)?.kind;
    if (kind === undefined) continue;
    const key = deploymentKey({
      entityRef: s.entityRef,
      source: s.deploymentSource,
      id: s.deploymentId,
    });
    const set = signals.get(key) ?? new Set<ChangeKind>();
    set.add(kind);
    signals.set(key, set);
  }
  return signals;
}

/** Derives the facts for all keys from a history. */
export function analyze(history: DoraEvents, options?: DoraOptions): Analysis {
  const resolved = resolveOptions(options);
  const events = prepareEvents(history);
  const links = linkPrepared(events, {
    timeWindowHours: resolved.timeWindowHours,
    environment: resolved.environment,
  });
  const counted = resolved.includeInferredLinks
    ? links
    : links.filter(l => !l.inferred);
  const facts: ChangeFacts = changeFacts(events, resolved.environment);
  return {
    options: resolved,
    events,
    links,
    deployments: deploymentFacts(
      events,
      counted,
      resolved.environment,
      signalsOf(events, facts),
    ),
    leadTimes: facts.samples,
    prs: facts.prs,
  };
}
