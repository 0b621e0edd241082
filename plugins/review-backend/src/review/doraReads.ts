import {
  MonthRange,
  ReviewEventCounts,
  ReviewScope,
  monthRange,
} from '@internal/plugin-review-common';
import { PluginClient, mapLimited } from '@internal/portal-node';
import {
  DoraEntityMetricsResponse,
  DoraMetricsResponse,
  DoraTeamMetricsResponse,
} from '../peers/types';

// How the review reads the dora backend: month windows, the late-data counts, and the service
// rows' keys in bulk.

/** What the review reads its peers with: a PluginClient, or one sharing reads across scopes. */
export type Peers = Pick<PluginClient, 'get' | 'getJson'>;

/** Entities per GET /api/dora/metrics/entities (the dora backend's own limit). */
const ENTITIES_PER_READ = 100;

export function windowQuery(range: MonthRange) {
  return {
    from: new Date(range.start).toISOString(),
    to: new Date(range.end).toISOString(),
  };
}

/** The scope's dora figures that late events move: what the late-data note compares. */
export async function scopeEventCounts(
  peers: Peers,
  scope: ReviewScope,
  month: string,
  environment?: string,
): Promise<ReviewEventCounts> {
  const scopeQuery: Record<string, string> = {};
  if (scope.kind !== 'organization') scopeQuery[scope.kind] = scope.ref;
  const res = await peers.get<DoraMetricsResponse>('dora', '/metrics', {
    ...scopeQuery,
    ...windowQuery(monthRange(month)),
    environment,
    bucket: 'month',
  });
  const m = res!.metrics;
  return {
    deployments: m.deploymentFrequency?.count ?? 0,
    leadTimeSamples: m.changeLeadTime?.count ?? 0,
    failedDeployments: m.changeFailureRate?.count ?? 0,
  };
}

export const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** Each entity's month keys through the dora backend's bulk read, as GET /metrics answers them. */
export async function entityMetrics(
  peers: Peers,
  entityRefs: string[],
  window: { from: string; to: string },
  environment?: string,
): Promise<Map<string, DoraMetricsResponse>> {
  const out = new Map<string, DoraMetricsResponse>();
  const chunks: string[][] = [];
  for (let i = 0; i < entityRefs.length; i += ENTITIES_PER_READ) {
    chunks.push(entityRefs.slice(i, i + ENTITIES_PER_READ));
  }
  await mapLimited(chunks, 2, async chunk => {
    const res = await peers.get<DoraEntityMetricsResponse>(
      'dora',
      '/metrics/entities',
      {
        entityRefs: chunk.join(','),
        ...window,
        environment,
        bucket: 'month',
      },
    );
    for (const item of res.items) {
      // The dora backend answers with refs normalised (lower case), the catalog's keep case.
      out.set(lower(item.entityRef), {
        environment: res.environment,
        entityRefs: [item.entityRef],
        metrics: item.metrics,
      });
    }
  });
  return out;
}

/** Events the live counts have beyond the snapshot's (only growth counts: late arrivals). */
export function lateEventsOf(
  snapshot: ReviewEventCounts,
  live: ReviewEventCounts,
): number {
  return (Object.keys(snapshot) as (keyof ReviewEventCounts)[]).reduce(
    (sum, k) => sum + Math.max(0, live[k] - snapshot[k]),
    0,
  );
}

/**
 * Every team's month keys through the dora backend's GET /metrics/teams, keyed like
 * entityMetrics, as GET /metrics?group= answers each. A failed read gives no teams: the rows
 * then read their teams one by one, so a failure is reported the way it always was.
 */
export async function teamMetrics(
  peers: Peers,
  window: { from: string; to: string },
  environment?: string,
): Promise<Map<string, DoraMetricsResponse>> {
  const out = new Map<string, DoraMetricsResponse>();
  const res = await peers
    .get<DoraTeamMetricsResponse>('dora', '/metrics/teams', {
      ...window,
      environment,
      bucket: 'month',
    })
    .catch(() => undefined);
  for (const team of res?.teams ?? []) {
    out.set(lower(team.ref), {
      environment: res!.environment,
      entityRefs: team.entityRefs,
      metrics: team.metrics,
    });
  }
  return out;
}
