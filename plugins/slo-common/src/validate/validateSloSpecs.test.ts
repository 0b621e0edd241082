import { validateSloSpecs } from './validateSloSpecs';

const plain = (indicator: string, objective = '99.9') => `service: checkout
slos:
  - name: availability
    objective: ${objective}
    indicator:
${indicator}
`;

const COUNTERS = `      type: availability
      good_events: http_requests_total{job="checkout",code!~"5.."}
      total_events: http_requests_total{job="checkout"}`;

describe('validateSloSpecs', () => {
  it('returns the SLOs of a valid file and no problems', () => {
    const result = validateSloSpecs([
      { file: 'slo.yaml', content: plain(COUNTERS) },
    ]);
    expect(result.problems).toEqual([]);
    expect(result.slos.map(s => [s.id, s.objectivePercent])).toEqual([
      ['checkout/availability', 99.9],
    ]);
  });

  it('names the file and field of a parse problem', () => {
    const result = validateSloSpecs([
      { file: 'slo.yaml', content: plain(COUNTERS, '199.9') },
    ]);
    expect(result.slos).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        file: 'slo.yaml',
        field: 'slos[0].objective',
        message: expect.stringMatching(/^slo\.yaml: slos\[0\]\.objective: /),
      }),
    ]);
  });

  it('refuses an SLO the collector cannot count, keeping the others', () => {
    const gauge = `version: prometheus/v1
service: checkout
slos:
  - name: gauge
    objective: 99
    sli:
      events:
        error_query: sum(errors_in_flight)
        total_query: sum(requests_in_flight)
`;
    const result = validateSloSpecs([
      { file: 'a.yaml', content: plain(COUNTERS) },
      { file: 'b.yaml', content: gauge },
    ]);
    expect(result.slos.map(s => s.id)).toEqual(['checkout/availability']);
    expect(result.problems).toEqual([
      expect.objectContaining({
        file: 'b.yaml',
        slo: 'gauge',
        message: expect.stringMatching(
          /^b\.yaml: SLO "gauge" cannot be collected: /,
        ),
      }),
    ]);
  });
});
