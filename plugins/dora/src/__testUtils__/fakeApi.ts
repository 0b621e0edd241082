import type {
  DoraMetrics,
  ListedDeployment,
} from '@internal/plugin-dora-common';
import type {
  CoverageResponse,
  DeploymentsQuery,
  DoraApi,
  MetricsQuery,
  MetricsResponse,
  TeamMetricsQuery,
  TeamMetricsResponse,
} from '../api/types';
import { windowDays } from '../lib/viewState';
import {
  WINDOW_END,
  eliteMetrics,
  emptyMetrics,
  lowMetrics,
  orgMetrics,
  paymentDeployments,
} from './fixtures';

const DAY = 86_400_000;

export const sourceCoverage: CoverageResponse = {
  from: '2025-01-25T00:00:00.000Z',
  to: '2025-02-01T00:00:00.000Z',
  sources: [
    {
      source: 'github',
      received: 1200,
      attributed: 1150,
      ignored: { 'not-counted': 40, unattributed: 8 },
      refused: 2,
    },
    {
      source: 'cdevents',
      received: 0,
      attributed: 0,
      ignored: {},
      refused: 0,
    },
  ],
};

/**
 * In-memory DoraApi for component tests. A fake (not the real client
 * against a mock server) is deliberate: these tests cover rendering and
 * interaction; the HTTP contract is covered by DoraClient.test.ts.
 * Metrics are looked up by scope ref (`org` for the whole organisation);
 * unknown scopes answer like the backend does for entities without events.
 */
export class FakeDoraApi implements DoraApi {
  metrics: Map<string, DoraMetrics>;
  /** Entities waiting for re-derivation, by scope ref (`org`); 0 when absent. */
  queued: Map<string, number>;
  members: Map<string, string[]>;
  /** Catalog groups of spec.type team, as GET /metrics/teams lists them (by title). */
  teams: Array<{ ref: string; title: string }>;
  deployments: ListedDeployment[];

  constructor(
    options: {
      metrics?: Record<string, DoraMetrics>;
      queued?: Record<string, number>;
      members?: Record<string, string[]>;
      teams?: Array<{ ref: string; title: string }>;
      deployments?: ListedDeployment[];
    } = {},
  ) {
    this.metrics = new Map(
      Object.entries(
        options.metrics ?? {
          org: orgMetrics,
          'group:default/payments': eliteMetrics,
          'group:default/orders': lowMetrics,
          'component:default/payment-service': eliteMetrics,
          'component:default/ledger': lowMetrics,
          'component:default/order-service': lowMetrics,
        },
      ),
    );
    this.queued = new Map(Object.entries(options.queued ?? {}));
    this.members = new Map(
      Object.entries(
        options.members ?? {
          'group:default/payments': [
            'component:default/ledger',
            'component:default/payment-service',
          ],
          'group:default/orders': ['component:default/order-service'],
          'group:default/platform': [],
        },
      ),
    );
    this.teams = options.teams ?? [
      { ref: 'group:default/orders', title: 'Orders' },
      { ref: 'group:default/payments', title: 'Payments' },
      { ref: 'group:default/platform', title: 'Platform' },
    ];
    this.deployments = options.deployments ?? paymentDeployments;
  }

  getTeamMetrics = jest.fn(
    async (query: TeamMetricsQuery = {}): Promise<TeamMetricsResponse> => ({
      environment: query.environment ?? 'production',
      teams: this.teams.map(team => {
        const one = this.answer({ ...query, group: team.ref });
        return {
          ...team,
          window: one.window,
          entityRefs: one.entityRefs ?? [],
          metrics: one.metrics,
          queued: one.queued,
        };
      }),
    }),
  );

  getMetrics = jest.fn(
    async (query: MetricsQuery = {}): Promise<MetricsResponse> =>
      this.answer(query),
  );

  private answer(query: MetricsQuery): MetricsResponse {
    const ref = query.entityRef ?? query.group ?? query.system;
    // Explicit bounds as the backend takes them; a named window ends at the fake's clock.
    const to = query.to ? Date.parse(query.to) : Date.parse(WINDOW_END);
    const from = query.from
      ? Date.parse(query.from)
      : to - windowDays(query.window ?? '30d') * DAY;
    let scope: MetricsResponse['scope'] = { kind: 'organization' };
    if (query.entityRef) scope = { kind: 'entity', ref: query.entityRef };
    if (query.group) scope = { kind: 'group', ref: query.group };
    return {
      scope,
      environment: query.environment ?? 'production',
      window: {
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
      },
      ...(query.group && { entityRefs: this.members.get(query.group) ?? [] }),
      ...(query.entityRef && { entityRefs: [query.entityRef] }),
      metrics: this.metrics.get(ref ?? 'org') ?? emptyMetrics,
      queued: this.queued.get(ref ?? 'org') ?? 0,
    };
  }

  getCoverage = jest.fn(async () => sourceCoverage);

  coverageUrl = jest.fn(async () => 'http://localhost:7007/api/dora/coverage');

  listDeployments = jest.fn(async (query: DeploymentsQuery = {}) =>
    this.deployments.filter(
      d =>
        (!query.entityRef || d.entityRef === query.entityRef) &&
        (!query.environment || d.environment === query.environment) &&
        (!query.from || d.finishedAt >= query.from) &&
        (!query.to || d.finishedAt < query.to),
    ),
  );
}
