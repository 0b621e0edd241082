import fs from 'node:fs';
import path from 'node:path';
import { readSloSpecFiles } from './parseSloSpecs';

// OpenSLO's own examples, copied from its repository (see __fixtures__/openslo/SOURCE.md).
const read = (name: string) =>
  fs.readFileSync(path.join(__dirname, '__fixtures__/openslo', name), 'utf8');

const GOOD = 'sum(rate(http_requests_total{job="web",code=~"2.."}[5m]))';
const TOTAL = 'sum(rate(http_requests_total{job="web"}[5m]))';
const HISTOGRAM =
  'histogram_quantile(0.99, sum by (le) (rate(search_duration_seconds_bucket{job="search"}[5m])))';

/** The example with its `type: Any` sources switched to Prometheus queries. */
function onPrometheus(text: string): string {
  const queries = text.includes('thresholdMetric')
    ? [HISTOGRAM]
    : [GOOD, TOTAL];
  let i = 0;
  return text
    .replace(/type: Any/g, 'type: Prometheus')
    .replace(/query: Any/g, () => `query: '${queries[i++]}'`);
}

describe("OpenSLO's documented examples", () => {
  it.each([
    'occurences-slo.yaml',
    'ratio-timeslices.yaml',
    'timeslices-slo.yaml',
    'low-traffic-timeslices-slo.yaml',
  ])('%s as published is one problem naming its field', file => {
    const { slos, problems } = readSloSpecFiles([
      { file, content: read(file) },
    ]);
    expect(slos).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(
      new RegExp(`^${file.replace('.', '\\.')}: spec\\.`),
    );
  });

  it('reads the threshold example as a histogram latency SLO on Prometheus', () => {
    const file = 'occurences-slo.yaml';
    const { slos, problems } = readSloSpecFiles([
      { file, content: onPrometheus(read(file)) },
    ]);
    expect(problems).toEqual([]);
    expect(slos).toEqual([
      expect.objectContaining({
        id: 'web-shop/search-slo',
        objectivePercent: 99,
        window: { kind: 'rolling', seconds: 14 * 86400 },
        budgeting: { method: 'occurrences' },
        indicator: {
          kind: 'latency',
          histogramMetric: 'search_duration_seconds',
          thresholdSeconds: 500,
          selector: 'job="search"',
          percentile: 99,
        },
      }),
    ]);
  });

  it('reads the calendar-week timeslices example on Prometheus', () => {
    const file = 'low-traffic-timeslices-slo.yaml';
    const { slos, problems } = readSloSpecFiles([
      { file, content: onPrometheus(read(file)) },
    ]);
    expect(problems).toEqual([]);
    expect(slos).toEqual([
      expect.objectContaining({
        id: 'web-availability/service-availability',
        objectivePercent: 99.95,
        window: {
          kind: 'calendar',
          unit: 'week',
          timeZone: 'America/New_York',
        },
        budgeting: {
          method: 'timeslices',
          sliceSeconds: 60,
          goodSliceRatio: 0.95,
        },
        indicator: { kind: 'availability', goodQuery: GOOD, totalQuery: TOTAL },
      }),
    ]);
  });

  it.each([
    [
      'ratio-timeslices.yaml',
      'ratio-timeslices.yaml: spec.budgetingMethod: unsupported budgeting method "RatioTimeslices": use Occurrences or Timeslices',
    ],
    [
      // The example writes "1m" for a month; in OpenSLO's shorthand m is minutes.
      'timeslices-slo.yaml',
      'timeslices-slo.yaml: spec.timeWindow[0].duration: calendar windows must be one week, month or quarter ("1w", "1M" or "1Q"), got "1m"',
    ],
  ])(
    '%s on Prometheus is still refused for what the portal cannot count',
    (file, message) => {
      const { problems } = readSloSpecFiles([
        { file, content: onPrometheus(read(file)) },
      ]);
      expect(problems.map(p => p.message)).toEqual([message]);
    },
  );

  it("reads the README's ratioMetric with counter: true and a metricSourceRef", () => {
    const content = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: localhost-requests
spec:
  service: localhost
  indicator:
    metadata:
      name: requests
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            metricSourceRef: prometheus-datasource
            spec:
              query: sum(localhost_server_requests{code=~"2xx|3xx",host="*",instance="127.0.0.1:9090"})
        total:
          metricSource:
            type: Prometheus
            metricSourceRef: prometheus-datasource
            spec:
              query: localhost_server_requests{code="total",host="*",instance="127.0.0.1:9090"}
  objectives:
    - target: 0.99
---
apiVersion: openslo/v1
kind: DataSource
metadata:
  name: prometheus-datasource
spec:
  type: Prometheus
  connectionDetails:
    url: http://prometheus:9090
`;
    const { slos, problems } = readSloSpecFiles([{ file: 'r.yaml', content }]);
    expect(problems).toEqual([]);
    expect(slos.map(s => s.indicator)).toEqual([
      {
        kind: 'availability',
        goodQuery:
          'sum(localhost_server_requests{code=~"2xx|3xx",host="*",instance="127.0.0.1:9090"})',
        totalQuery:
          'localhost_server_requests{code="total",host="*",instance="127.0.0.1:9090"}',
        counter: true,
      },
    ]);
  });
});
