/**
 * P1's history of one service (bench/doraMetrics.ts): a year of a generated profile, SHAs made
 * globally unique, the commits chained by parent edges with deployments naming their head
 * (linearHistory), and incidents without a declared cause added.
 */
import {
  DAY_MS,
  DEFAULT_TIME_WINDOW_HOURS,
  HOUR_MS,
  HistoryProfile,
  createRandom,
  generateHistory,
  linkIncidents,
} from '@internal/plugin-dora-common';
import { linearHistory } from './linearHistory';

export const P1_END = Date.UTC(2025, 0, 1);
const EXTRA_INCIDENTS = 18; // per service, without a declared cause (time-window or unlinked)
// Profile mix giving ~500 production deployments and ~1,500 changes per service over a year.
const MIX: HistoryProfile[] = [
  'elite',
  'elite',
  'elite',
  'elite',
  'high',
  'high',
  'high',
  'medium',
  'medium',
  'low',
];

export const serviceRef = (i: number) =>
  `component:default/svc-${String(i).padStart(4, '0')}`;

export function serviceHistory(i: number) {
  const entityRef = serviceRef(i);
  const history = generateHistory({
    seed: 6,
    days: 365,
    end: P1_END,
    staging: false,
    services: [{ entityRef, profile: MIX[i % MIX.length] }],
  });
  // Mulberry32 has 2^32 states, so streams of different services can overlap and repeat a
  // SHA across 3M commits; the service number as SHA prefix keeps SHAs globally unique.
  const prefix = i.toString(16).padStart(4, '0');
  const unique = (sha: string) => prefix + sha.slice(4);
  history.changes.forEach(c => (c.sha = unique(c.sha)));
  history.deployments.forEach(d => (d.commitShas = d.commitShas.map(unique)));
  history.incidents.forEach(x => {
    if (x.causedBy?.commitSha)
      x.causedBy.commitSha = unique(x.causedBy.commitSha);
  });
  linearHistory(history);
  const random = createRandom(`extra:${entityRef}`);
  for (let k = 0; k < EXTRA_INCIDENTS; k++) {
    const opened = P1_END - 365 * DAY_MS + random.next() * 364 * DAY_MS;
    history.incidents.push({
      id: `${entityRef}-extra-${k}`,
      entityRef,
      severity: 'sev3',
      openedAt: new Date(Math.round(opened)).toISOString(),
      resolvedAt: new Date(
        Math.round(opened + random.between(0.2, 48) * HOUR_MS),
      ).toISOString(),
    });
  }
  return history;
}

/**
 * The incident links the refresh's relink stores for a service's history: with the changes,
 * so a root-cause commit links through ancestry.
 */
export function serviceLinks(history: ReturnType<typeof serviceHistory>) {
  return linkIncidents(
    history.incidents,
    history.deployments,
    {
      timeWindowHours: DEFAULT_TIME_WINDOW_HOURS,
      environment: 'production',
    },
    history.changes,
  ).map(l => ({
    entity_ref: l.entityRef,
    incident_id: l.incidentId,
    deployment_id: l.deploymentId,
    deployment_source: l.deploymentSource,
    method: l.method,
    inferred: l.inferred,
  }));
}
