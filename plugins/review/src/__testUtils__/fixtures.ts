import { DORA_KEYS, type ReviewRow } from '@internal/plugin-review-common';
import type { ReviewResponse } from '../api/types';

const HOUR = 3_600_000;

export function row(overrides: Partial<ReviewRow> = {}): ReviewRow {
  const dora = Object.fromEntries(
    DORA_KEYS.map(key => [
      key,
      {
        value: null,
        unit: 'ratio',
        tier: null,
        count: 0,
        change: {
          previous: null,
          delta: null,
          relative: null,
          direction: null,
        },
      },
    ]),
  ) as ReviewRow['dora'];
  dora.deploymentFrequency = {
    value: 8 / 30,
    unit: 'deployments-per-day',
    tier: 'high',
    count: 8,
    change: {
      previous: 5 / 31,
      delta: 8 / 30 - 5 / 31,
      relative: 0.65,
      direction: 'better',
    },
  };
  dora.changeLeadTime = {
    value: 20 * HOUR,
    unit: 'milliseconds',
    tier: 'elite',
    count: 8,
    change: {
      previous: 30 * HOUR,
      delta: -10 * HOUR,
      relative: -1 / 3,
      direction: 'better',
    },
  };
  return {
    ref: 'group:default/payments',
    kind: 'team',
    title: 'Payments',
    team: 'group:default/payments',
    dora,
    slo: {
      slos: 2,
      met: 1,
      judged: 2,
      lowestBudgetLeft: -0.25,
      alertsFired: 3,
      freezeHours: 5,
    },
    conformance: { score: 83, entities: 2 },
    bottlenecks: {
      leadTime: [
        {
          id: 'pickup',
          value: 10 * HOUR,
          share: 0.5,
          count: 8,
          evidence: [
            {
              id: 'pay-9',
              entityRef: 'component:default/payment-service',
              status: 'success',
              finishedAt: '2026-10-11T12:00:00.000Z',
              changeIds: ['org/pay#9'],
            },
          ],
        },
      ],
      failures: [
        {
          id: 'rolledBack',
          value: 1,
          share: 0.5,
          count: 1,
          evidence: [
            {
              id: 'pay-7',
              entityRef: 'component:default/payment-service',
              status: 'rolled_back',
              finishedAt: '2026-10-09T12:00:00.000Z',
              failureReasons: ['rolled-back'],
            },
          ],
        },
      ],
      recovery: [
        {
          id: 'pay-7',
          value: 24 * HOUR,
          share: 0.8,
          count: 1,
          evidence: [
            {
              id: 'pay-7',
              entityRef: 'component:default/payment-service',
              status: 'rolled_back',
              finishedAt: '2026-10-09T12:00:00.000Z',
              failureReasons: ['rolled-back'],
            },
            {
              id: 'pay-8',
              entityRef: 'component:default/payment-service',
              status: 'success',
              finishedAt: '2026-10-10T12:00:00.000Z',
            },
          ],
        },
      ],
    },
    leadTimeChanges: {
      deployments: 2,
      pullRequests: ['org/pay#8', 'org/pay#9'],
      commits: ['9'.repeat(40), 'a'.repeat(40)],
      truncated: false,
    },
    gate: {
      decisions: 5,
      denials: 2,
      denialsByEntity: [
        { entityRef: 'component:default/payment-service', denials: 2 },
      ],
    },
    ...overrides,
  };
}

export function reviewResponse(
  overrides: Partial<ReviewResponse> = {},
): ReviewResponse {
  return {
    month: '2026-10',
    previousMonth: '2026-09',
    scope: 'organization',
    source: 'snapshot',
    snapshotAt: '2026-11-01T00:20:00.000Z',
    lateEvents: 2,
    hasScorecard: false,
    rows: [
      row(),
      row({
        ref: 'group:default/identity',
        title: 'Identity',
        team: 'group:default/identity',
        slo: null,
        conformance: null,
        bottlenecks: { leadTime: [], failures: [] },
        leadTimeChanges: undefined,
        gate: null,
      }),
    ],
    warnings: [],
    items: [],
    previousActions: [],
    ...overrides,
  };
}
