import { inputErrorMessage } from '../testUtils';
import { DEFAULT_BUDGET_POLICY } from '../math/policy';
import { parseSloSpecs } from './parseSloSpecs';

const PLAIN = `
labels:
  team: payments
slos:
  - name: checkout-availability
    service: checkout
    description: Checkout requests succeed.
    indicator:
      type: availability
      good_events: sum(rate(http_requests_total{job="checkout",code!~"5.."}[5m]))
      total_events: sum(rate(http_requests_total{job="checkout"}[5m]))
    objective: 99.9
    window: 30d
    error_budget_policy:
      - consumed_percent: 50
        action: review
        description: Review recent deploys.
      - consumed_percent: 75
        action: freeze
      - consumed_percent: 90
        action: notify
        blocks_deploys: true
    exemptions: [security_patch, data_corruption_fix]
  - name: checkout-latency
    service: checkout
    indicator:
      type: latency
      metric: http_request_duration_seconds_bucket
      selector: '{job="checkout",route="/pay"}'
      threshold_ms: 300
      percentile: 99
    objective: 99
    window: 1M
    time_zone: America/New_York
`;

describe('plain specs', () => {
  it('reads availability and histogram latency SLOs with a policy', () => {
    const [availability, latency] = parseSloSpecs(PLAIN, 'slos.yaml');
    expect(availability).toEqual({
      id: 'checkout/checkout-availability',
      name: 'checkout-availability',
      service: 'checkout',
      description: 'Checkout requests succeed.',
      objectivePercent: 99.9,
      target: 0.999,
      window: { kind: 'rolling', seconds: 30 * 86400 },
      indicator: {
        kind: 'availability',
        goodQuery:
          'sum(rate(http_requests_total{job="checkout",code!~"5.."}[5m]))',
        totalQuery: 'sum(rate(http_requests_total{job="checkout"}[5m]))',
      },
      budgeting: { method: 'occurrences' },
      policy: {
        steps: [
          {
            consumedPercent: 50,
            action: 'review',
            description: 'Review recent deploys.',
            blocksDeploys: false,
          },
          { consumedPercent: 75, action: 'freeze', blocksDeploys: true },
          { consumedPercent: 90, action: 'notify', blocksDeploys: true },
        ],
        exemptions: ['security_patch', 'data_corruption_fix'],
      },
      labels: { team: 'payments' },
      source: { format: 'plain', file: 'slos.yaml' },
    });
    expect(latency).toMatchObject({
      id: 'checkout/checkout-latency',
      target: 0.99,
      window: { kind: 'calendar', unit: 'month', timeZone: 'America/New_York' },
      indicator: {
        kind: 'latency',
        histogramMetric: 'http_request_duration_seconds',
        thresholdSeconds: 0.3,
        selector: 'job="checkout",route="/pay"',
        percentile: 99,
      },
    });
    expect(latency.policy).toBeUndefined();
  });

  const one = (fields: string) => `
service: checkout
slos:
  - name: availability
${fields}
`;
  const EVENTS = `    indicator: {type: availability, bad_events: errors, total_events: requests}`;

  it('uses the top-level service, a 30d default window and the default policy', () => {
    const [slo] = parseSloSpecs(
      one(`${EVENTS}\n    objective: 99.5`),
      's.yaml',
      {
        defaultPolicy: DEFAULT_BUDGET_POLICY,
      },
    );
    expect(slo).toMatchObject({
      id: 'checkout/availability',
      window: { kind: 'rolling', seconds: 2592000 },
      indicator: { badQuery: 'errors', totalQuery: 'requests' },
      policy: DEFAULT_BUDGET_POLICY,
    });
  });

  it('gives exemptions without steps the default steps', () => {
    const [slo] = parseSloSpecs(
      one(`${EVENTS}\n    objective: 99.5\n    exemptions: [hotfix]`),
      's.yaml',
    );
    expect(slo.policy).toEqual({
      steps: DEFAULT_BUDGET_POLICY.steps,
      exemptions: ['hotfix'],
    });
  });

  it.each([
    [
      `${EVENTS}\n    objective: 100.5`,
      'slos.yaml: slos[0].objective: must be a number between 0 and 100',
    ],
    [`${EVENTS}`, 'slos.yaml: slos[0].objective: is required'],
    [
      `${EVENTS}\n    objective: 99\n    window: 30days`,
      'slos.yaml: slos[0].window: invalid duration "30days": use whole numbers followed by s, m, h, d or w (e.g. "30d", "12h", "1h30m")',
    ],
    [
      `${EVENTS}\n    objective: 99\n    window: 30d\n    time_zone: UTC`,
      'slos.yaml: slos[0].time_zone: only applies to calendar windows ("1M" or "1Q")',
    ],
    [
      '    indicator: {type: saturation}\n    objective: 99',
      'slos.yaml: slos[0].indicator.type: must be "availability" or "latency"',
    ],
    [
      '    indicator: {type: availability, total_events: requests}\n    objective: 99',
      'slos.yaml: slos[0].indicator: must define exactly one of good_events or bad_events',
    ],
    [
      '    indicator: {type: availability, good_events: ok, bad_events: errors, total_events: all}\n    objective: 99',
      'slos.yaml: slos[0].indicator: must define exactly one of good_events or bad_events',
    ],
    [
      '    indicator: {type: latency, metric: http_request_duration_seconds}\n    objective: 99',
      'slos.yaml: slos[0].indicator.threshold_ms: is required',
    ],
    [
      '    indicator: {type: latency, metric: h, threshold_ms: -1}\n    objective: 99',
      'slos.yaml: slos[0].indicator.threshold_ms: must be a number greater than 0',
    ],
    [
      '    indicator: {type: latency}\n    objective: 99',
      'slos.yaml: slos[0].indicator: a latency indicator needs either metric and threshold_ms (a histogram) or good_events/bad_events and total_events',
    ],
    [
      `${EVENTS}\n    objective: 99\n    error_budget_policy: [{consumed_percent: 75, action: freeze}, {consumed_percent: 75, action: review}]`,
      'slos.yaml: slos[0].error_budget_policy[1].consumed_percent: 75 is already the threshold of slos[0].error_budget_policy[0]; each step needs its own',
    ],
    [
      `${EVENTS}\n    objective: 99\n    error_budget_policy: [{consumed_percent: 50}]`,
      'slos.yaml: slos[0].error_budget_policy[0].action: is required',
    ],
    [
      `${EVENTS}\n    objective: 99\n    error_budget_policy: [{consumed_percent: "50%", action: review}]`,
      'slos.yaml: slos[0].error_budget_policy[0].consumed_percent: must be a number',
    ],
    [
      `${EVENTS}\n    objective: 99\n    error_budget_policy: [{consumed_percent: 50, action: freeze, blocks_deploys: "yes"}]`,
      'slos.yaml: slos[0].error_budget_policy[0].blocks_deploys: must be true or false',
    ],
    [
      `${EVENTS}\n    objective: 99\n    exemptions: security_patch`,
      'slos.yaml: slos[0].exemptions: must be a list',
    ],
    [
      `${EVENTS}\n    objective: 99\n    labels: {owner: {team: x}}`,
      'slos.yaml: slos[0].labels.owner: must be a string',
    ],
  ])('rejects %#', (fields, message) => {
    expect(
      inputErrorMessage(() => parseSloSpecs(one(fields), 'slos.yaml')),
    ).toBe(message);
  });

  it('requires a service somewhere', () => {
    const spec = `slos:\n  - name: a\n${EVENTS}\n    objective: 99`;
    expect(inputErrorMessage(() => parseSloSpecs(spec, 'slos.yaml'))).toBe(
      'slos.yaml: slos[0].service: is required (or set a top-level service)',
    );
  });
});
