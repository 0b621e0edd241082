import type { Entity } from '@backstage/catalog-model';
import type { BudgetPolicy, Slo } from '@internal/plugin-slo-common';
import type {
  DeployGateDecision,
  EntitySlos,
  SloDetail,
  SloHistoryPoint,
  SloState,
  SloWithState,
} from '../api/types';

/*
 * Shaped like the dev backend's answers for the demo data (payment-service
 * healthy, order-service paging, user-service in a freeze, notification-service
 * without traffic), rounded; captured from `GET /api/slo/slos` and trimmed.
 */

const DAY = 86400;
const NOW = 1795320000;
const WINDOWS_30D = [300, 1800, 3600, 7200, 21600, 86400, 259200];

function slo(
  partial: Pick<Slo, 'name' | 'service' | 'objectivePercent'> & Partial<Slo>,
): Slo {
  return {
    id: `${partial.service}/${partial.name}`,
    target: partial.objectivePercent / 100,
    window: { kind: 'rolling', seconds: 30 * DAY },
    indicator: {
      kind: 'availability',
      badQuery: 'sum(rate(errors[{{.window}}]))',
      totalQuery: 'sum(rate(requests[{{.window}}]))',
    },
    budgeting: { method: 'occurrences' },
    source: { format: 'plain', file: `../slos/${partial.service}.yaml` },
    ...partial,
  };
}

/** Burn rates for every alert window of a 30-day SLO plus the window itself. */
function burnRates(
  short: number | null,
  long: number | null,
  windowBurn: number | null,
  windowSeconds = 30 * DAY,
) {
  return [
    ...WINDOWS_30D.map(w => ({
      windowSeconds: w,
      burnRate: w <= 3600 ? short : long,
    })),
    { windowSeconds, burnRate: windowBurn },
  ];
}

function state(partial: Partial<SloState>): SloState {
  const remaining = partial.budgetRemaining ?? null;
  return {
    status: 'healthy',
    window: { from: NOW - 30 * DAY, to: NOW },
    good: 9_998_000,
    total: 10_000_000,
    sli: 0.9998,
    budgetRemaining: remaining,
    budgetConsumed: remaining === null ? null : 1 - remaining,
    burnRates: burnRates(0.2, 0.2, 0.2),
    alert: { severity: 'none', firing: [] },
    timeToExhaustionSeconds: 23_755_850,
    stale: false,
    lastBucket: NOW - 300,
    ...partial,
  };
}

export const userPolicy: BudgetPolicy = {
  steps: [
    {
      consumedPercent: 30,
      action: 'notify',
      description: 'Tell the identity team.',
      blocksDeploys: false,
    },
    {
      consumedPercent: 50,
      action: 'review',
      description: "Review the last week's deploys for reliability risk.",
      blocksDeploys: false,
    },
    {
      consumedPercent: 60,
      action: 'freeze',
      description: 'Freeze feature deploys; reliability fixes only.',
      blocksDeploys: true,
    },
    {
      consumedPercent: 100,
      action: 'halt',
      description: 'Full freeze until the budget recovers.',
      blocksDeploys: true,
    },
  ],
  exemptions: ['security_patch', 'data_corruption_fix'],
};

export const paymentAvailability: SloWithState = {
  slo: slo({
    name: 'requests-availability',
    service: 'payment-service',
    objectivePercent: 99.9,
    description: 'Payment API requests succeed (no 5xx or 429).',
    source: { format: 'sloth-v1', file: '../slos/payment-service.yaml' },
  }),
  entityRef: 'component:default/payment-service',
  owner: 'group:default/payments',
  system: 'system:default/payment-platform',
  state: state({ sli: 0.9998, budgetRemaining: 0.8004 }),
};

export const paymentLatency: SloWithState = {
  ...paymentAvailability,
  slo: slo({
    name: 'requests-latency',
    service: 'payment-service',
    objectivePercent: 99,
    description: 'Payment API requests complete within 500ms.',
  }),
  state: state({
    sli: 0.997,
    budgetRemaining: 0.7001,
    burnRates: burnRates(0.3, 0.3, 0.3),
    timeToExhaustionSeconds: 6_052_481,
  }),
};

export const orderAvailability: SloWithState = {
  slo: slo({
    name: 'order-availability',
    service: 'order-service',
    objectivePercent: 99.5,
    description: '99.5% of order API requests succeed over a rolling 30 days.',
    source: { format: 'openslo-v1', file: '../slos/order-service.yaml' },
  }),
  entityRef: 'component:default/order-service',
  owner: 'group:default/orders',
  system: 'system:default/e-commerce',
  state: state({
    status: 'critical',
    sli: 0.99833,
    budgetRemaining: 0.6667,
    burnRates: burnRates(20.1, 6.9, 0.333),
    alert: {
      severity: 'page',
      firing: [
        {
          severity: 'page',
          longWindow: 3600,
          shortWindow: 300,
          factor: 14.4,
          longBurn: 20.1,
          shortBurn: 20.1,
        },
        {
          severity: 'page',
          longWindow: 21600,
          shortWindow: 1800,
          factor: 6,
          longBurn: 6.9,
          shortBurn: 20.1,
        },
      ],
    },
    timeToExhaustionSeconds: 86_446,
  }),
};

export const userAvailability: SloWithState = {
  slo: slo({
    name: 'api-availability',
    service: 'user-service',
    objectivePercent: 99.9,
    description: 'Sign-in, sign-up and profile requests succeed.',
    policy: userPolicy,
  }),
  entityRef: 'component:default/user-service',
  owner: 'group:default/identity',
  system: 'system:default/e-commerce',
  state: state({
    status: 'warning',
    sli: 0.99931,
    budgetRemaining: 0.3125,
    burnRates: burnRates(1.54, 1.51, 0.6875),
    alert: {
      severity: 'ticket',
      firing: [
        {
          severity: 'ticket',
          longWindow: 259200,
          shortWindow: 21600,
          factor: 1,
          longBurn: 1.51,
          shortBurn: 1.59,
        },
      ],
    },
    timeToExhaustionSeconds: 526_127,
    policyStep: userPolicy.steps[2],
  }),
};

export const userLatency: SloWithState = {
  ...userAvailability,
  slo: slo({
    name: 'api-latency',
    service: 'user-service',
    objectivePercent: 99,
    description: '99% of requests complete within 300ms.',
  }),
  state: state({
    sli: 0.998,
    budgetRemaining: 0.7998,
    timeToExhaustionSeconds: 9_753_624,
  }),
};

export const notificationDelivery: SloWithState = {
  slo: slo({
    name: 'delivery-availability',
    service: 'notification-service',
    objectivePercent: 99.5,
    window: { kind: 'rolling', seconds: 28 * DAY },
  }),
  entityRef: 'component:default/notification-service',
  owner: 'group:default/notifications',
  system: 'system:default/e-commerce',
  state: state({
    status: 'no-data',
    good: 0,
    total: 0,
    sli: null,
    budgetRemaining: null,
    burnRates: burnRates(null, null, null, 28 * DAY),
    alert: { severity: 'no-data', firing: [] },
    timeToExhaustionSeconds: null,
  }),
};

/** In the backend's default order (by id). */
export const allSlos: SloWithState[] = [
  notificationDelivery,
  orderAvailability,
  paymentAvailability,
  paymentLatency,
  userAvailability,
  userLatency,
];

/** A short history: budget falling from 45% to the current 31.25%. */
function history(row: SloWithState): SloHistoryPoint[] {
  const step = 3600;
  if (row.state.status === 'no-data') {
    return [0, 1, 2, 3].map(i => ({
      t: NOW - (3 - i) * step,
      sli: null,
      remaining: null,
      burnRate: null,
      recentBurnRate: null,
    }));
  }
  const current = row.state.budgetRemaining ?? 0;
  const allowed = 1 - row.slo.target;
  return [0, 1, 2, 3].map(i => {
    const remaining = current + (3 - i) * 0.05;
    const burnRate = 1 - remaining;
    return {
      t: NOW - (3 - i) * step,
      sli: 1 - burnRate * allowed,
      remaining,
      burnRate,
      // The last hour burns faster than the window average, as in a fast burn.
      recentBurnRate: burnRate * 10,
    };
  });
}

export function detailOf(
  row: SloWithState,
  resolutionSeconds = 3600,
): SloDetail {
  return { ...row, resolutionSeconds, history: history(row) };
}

export function entitySlosOf(entityRef: string): EntitySlos | undefined {
  const slos = allSlos.filter(s => s.entityRef === entityRef);
  if (slos.length === 0) return undefined;
  return {
    entityRef,
    owner: slos[0].owner,
    system: slos[0].system,
    slos,
    errors: [],
  };
}

export const userGateDenied: DeployGateDecision = {
  allowed: false,
  reasons: [
    'user-service/api-availability has consumed 68.8% of its error budget (31.3% remaining); the 60% policy step "freeze" (Freeze feature deploys; reliability fixes only.) blocks deploys. Exempt change types: security_patch, data_corruption_fix.',
  ],
  policyStep: userPolicy.steps[2],
  slos: [
    {
      id: 'user-service/api-availability',
      remainingFraction: 0.3125,
      step: userPolicy.steps[2],
    },
    { id: 'user-service/api-latency', remainingFraction: 0.7998 },
  ],
};

export function allowedGate(entityRef: string): DeployGateDecision {
  const slos = allSlos.filter(s => s.entityRef === entityRef);
  return {
    allowed: true,
    reasons:
      slos.length === 0
        ? ['No SLOs apply to this deploy.']
        : slos.map(s => `${s.slo.id} is within its error budget policy.`),
    slos: slos.map(s => ({
      id: s.slo.id,
      remainingFraction: s.state.budgetRemaining,
    })),
  };
}

function entity(name: string, annotated = true): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: annotated
        ? { 'portal.io/slo-spec': `../slos/${name}.yaml` }
        : {},
    },
    spec: {
      type: 'service',
      owner: 'group:default/identity',
      lifecycle: 'production',
    },
  };
}

export const userServiceEntity = entity('user-service');
export const orderServiceEntity = entity('order-service');
export const notificationServiceEntity = entity('notification-service');
export const apiGatewayEntity = entity('api-gateway', false);
