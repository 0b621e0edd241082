import type { Entity } from '@backstage/catalog-model';
import type {
  Deployment,
  DoraKey,
  DoraMetrics,
  SeriesPoint,
  Tier,
} from '@internal/plugin-dora-common';
import { KEY_UNITS } from '../lib/format';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** End of every fake window: a fixed instant, never the clock. */
export const WINDOW_END = '2025-02-01T00:00:00.000Z';

export interface KeySpec {
  value?: number;
  tier?: Tier;
  previous?: number;
  count?: number;
  series?: Array<number | undefined>;
}

const WEEK_STARTS = [
  '2024-12-30T00:00:00.000Z',
  '2025-01-06T00:00:00.000Z',
  '2025-01-13T00:00:00.000Z',
  '2025-01-20T00:00:00.000Z',
  '2025-01-27T00:00:00.000Z',
];

function keyResult(key: DoraKey, spec: KeySpec = {}) {
  const { value, previous } = spec;
  const delta =
    value !== undefined && previous !== undefined
      ? value - previous
      : undefined;
  const series: SeriesPoint[] = WEEK_STARTS.map((bucketStart, i) => ({
    bucketStart,
    value: spec.series?.[i],
  }));
  return {
    key,
    unit: KEY_UNITS[key],
    value,
    tier: spec.tier,
    count: spec.count ?? 0,
    denominator: undefined,
    // The UI derives direction itself; this stays undefined so no test passes by reading it.
    trend: { previous, delta, direction: undefined },
    series,
  };
}

/** DoraMetrics from a compact spec; keys left out have no data. */
export function makeMetrics(
  spec: Partial<Record<DoraKey, KeySpec>> & {
    breakdown?: Partial<
      Record<'coding' | 'pickup' | 'review' | 'deploy', number>
    >;
  } = {},
): DoraMetrics {
  const stage = (ms: number | undefined) => ({
    median: ms,
    count: ms === undefined ? 0 : 3,
  });
  const df = spec.deploymentFrequency;
  return {
    deploymentFrequency: {
      ...keyResult('deploymentFrequency', {
        value: 0,
        tier: 'low',
        series: [0, 0, 0, 0, 0],
        ...df,
      }),
      key: 'deploymentFrequency',
      medianDeploymentDaysPerWeek: undefined,
      fullWeeks: 4,
    },
    changeLeadTime: {
      ...keyResult('changeLeadTime', spec.changeLeadTime),
      key: 'changeLeadTime',
      median: spec.changeLeadTime?.value,
      p90:
        spec.changeLeadTime?.value === undefined
          ? undefined
          : spec.changeLeadTime.value * 3,
      breakdown: {
        coding: stage(spec.breakdown?.coding),
        pickup: stage(spec.breakdown?.pickup),
        review: stage(spec.breakdown?.review),
        deploy: stage(spec.breakdown?.deploy),
      },
      pullRequests: spec.breakdown ? 3 : 0,
      coverage: { deployments: 10, ancestryKnown: 10 },
    },
    changeFailureRate: {
      ...keyResult('changeFailureRate', spec.changeFailureRate),
      key: 'changeFailureRate',
      reasons: {
        failed: 0,
        rolledBack: 0,
        followedByRollback: 0,
        replacedByAncestor: 0,
        causedIncident: 0,
      },
      inferredOnly: 0,
    },
    failedDeploymentRecoveryTime: {
      ...keyResult(
        'failedDeploymentRecoveryTime',
        spec.failedDeploymentRecoveryTime,
      ),
      key: 'failedDeploymentRecoveryTime',
      median: spec.failedDeploymentRecoveryTime?.value,
      p90: undefined,
      failed: spec.failedDeploymentRecoveryTime?.count ?? 0,
      unrecovered: 0,
    },
    deploymentReworkRate: {
      ...keyResult('deploymentReworkRate', spec.deploymentReworkRate),
      key: 'deploymentReworkRate',
      hotfixes: 0,
      restoredIncident: 0,
    },
  } as DoraMetrics;
}

/** Elite: fast, frequent and improving on every key but rework. */
export const eliteMetrics = makeMetrics({
  deploymentFrequency: {
    value: 3,
    tier: 'elite',
    previous: 2,
    count: 90,
    series: [10, 21, 20, 22, 17],
  },
  changeLeadTime: {
    value: 2 * HOUR,
    tier: 'elite',
    previous: 3 * HOUR,
    count: 80,
    series: [3 * HOUR, 2 * HOUR, 2 * HOUR, HOUR, 2 * HOUR],
  },
  changeFailureRate: {
    value: 0.03,
    tier: 'elite',
    previous: 0.04,
    count: 3,
    series: [0, 0.05, 0.04, 0, 0.05],
  },
  failedDeploymentRecoveryTime: {
    value: 30 * 60_000,
    tier: 'elite',
    previous: 45 * 60_000,
    count: 3,
    series: [undefined, 20 * 60_000, 30 * 60_000, undefined, 40 * 60_000],
  },
  deploymentReworkRate: {
    value: 0.02,
    previous: 0.01,
    count: 2,
    series: [0, 0.05, 0, 0, 0.05],
  },
  breakdown: {
    coding: 40 * 60_000,
    pickup: 20 * 60_000,
    review: 30 * 60_000,
    deploy: 25 * 60_000,
  },
});

/** Struggling: slow, rare, failing more than before. */
export const lowMetrics = makeMetrics({
  deploymentFrequency: {
    value: 2 / 30,
    tier: 'low',
    previous: 3 / 30,
    count: 2,
    series: [0, 1, 0, 1, 0],
  },
  changeLeadTime: {
    value: 40 * DAY,
    tier: 'low',
    previous: 35 * DAY,
    count: 2,
    series: [undefined, 40 * DAY, undefined, 40 * DAY, undefined],
  },
  changeFailureRate: {
    value: 0.5,
    tier: 'low',
    previous: 0.25,
    count: 1,
  },
  failedDeploymentRecoveryTime: {
    value: 10 * DAY,
    tier: 'low',
    previous: 8 * DAY,
    count: 1,
  },
  deploymentReworkRate: { value: 0.5, previous: 0.5, count: 1 },
});

/** No deployments at all in the window. */
export const emptyMetrics = makeMetrics();

/** The whole organisation; its figures are not the sum of the two teams, on purpose. */
export const orgMetrics = makeMetrics({
  deploymentFrequency: { value: 4.5, tier: 'elite', previous: 4, count: 135 },
  changeLeadTime: { value: 5 * HOUR, tier: 'elite', previous: 5 * HOUR },
  changeFailureRate: { value: 0.08, tier: 'high', previous: 0.1 },
  failedDeploymentRecoveryTime: { value: 3 * HOUR, tier: 'high' },
  deploymentReworkRate: { value: 0.04, previous: 0.03 },
});

export function group(name: string, title: string, type = 'team'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', title },
    spec: { type, children: [] },
  };
}

export const groups: Entity[] = [
  group('engineering', 'Engineering', 'organization'),
  group('payments', 'Payments'),
  group('orders', 'Orders'),
  group('platform', 'Platform'),
];

export const paymentsGroup = groups[1];

export const paymentService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payment-service', namespace: 'default' },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

export function deployment(
  overrides: Partial<Deployment> & { id: string; finishedAt: string },
): Deployment {
  return {
    entityRef: 'component:default/payment-service',
    environment: 'production',
    status: 'success',
    type: 'normal',
    commitShas: [],
    source: 'github',
    ...overrides,
  };
}

/** Newest first, like the backend. */
export const paymentDeployments: Deployment[] = [
  deployment({
    id: 'deploy-104',
    finishedAt: '2025-01-28T10:00:00.000Z',
    version: 'v1.4.2',
    type: 'hotfix',
  }),
  deployment({
    id: 'deploy-103',
    finishedAt: '2025-01-27T09:00:00.000Z',
    version: 'v1.4.1',
    status: 'rolled_back',
  }),
  deployment({
    id: 'deploy-102',
    finishedAt: '2025-01-14T09:00:00.000Z',
    version: 'v1.4.0',
    status: 'failure',
  }),
  deployment({
    id: 'deploy-101',
    finishedAt: '2025-01-07T09:00:00.000Z',
    version: 'v1.3.0',
  }),
];
