import { inputErrorMessage } from '../testUtils';
import { parseSloSpecs } from './parseSloSpecs';

// Shaped like the inline ratioMetric example of the OpenSLO v1 README.
const INLINE = `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: web-availability
  displayName: Web availability
  labels:
    team: storefront
spec:
  description: 99.5% of web requests succeed
  service: web
  indicator:
    metadata:
      name: web-successful-requests
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(http_requests_total{component="web",code!~"5.."})
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(http_requests_total{component="web"})
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: Good
      target: 0.995
`;

// An SLI document referenced by name, a calendar window and timeslices,
// shaped like the OpenSLO timeslices example.
const REFERENCED = `
apiVersion: openslo/v1
kind: Service
metadata:
  name: search
spec:
  description: Product search
---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: search-errors
spec:
  ratioMetric:
    counter: false
    bad:
      metricSource:
        metricSourceRef: thanos
        spec:
          queryType: promql
          query: sum(rate(search_requests_total{status="error"}[5m]))
    total:
      metricSource:
        metricSourceRef: thanos
        spec:
          queryType: promql
          query: sum(rate(search_requests_total[5m]))
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: search-availability
spec:
  service: search
  indicatorRef: search-errors
  timeWindow:
    - duration: 1M
      isRolling: false
      calendar:
        startTime: 2022-01-01 00:00:00
        timeZone: Europe/Berlin
  budgetingMethod: Timeslices
  objectives:
    - displayName: Good minutes
      targetPercent: 99.9
      timeSliceTarget: 0.95
      timeSliceWindow: 1m
`;

const THRESHOLD = `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-latency
spec:
  service: checkout
  indicator:
    metadata:
      name: checkout-p99
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          spec:
            query: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout", le!=""}[5m])))
  timeWindow:
    - duration: 7d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - op: lte
      value: 0.3
      target: 0.99
`;

describe('OpenSLO v1 specs', () => {
  it('reads an SLO with an inline ratio indicator', () => {
    expect(parseSloSpecs(INLINE, 'openslo.yaml')).toEqual([
      {
        id: 'web/web-availability',
        name: 'web-availability',
        service: 'web',
        description: '99.5% of web requests succeed',
        objectivePercent: 99.5,
        target: 0.995,
        window: { kind: 'rolling', seconds: 28 * 86400 },
        indicator: {
          kind: 'availability',
          goodQuery: 'sum(http_requests_total{component="web",code!~"5.."})',
          totalQuery: 'sum(http_requests_total{component="web"})',
          counter: true,
        },
        budgeting: { method: 'occurrences' },
        labels: { team: 'storefront' },
        source: { format: 'openslo-v1', file: 'openslo.yaml' },
      },
    ]);
  });

  it('resolves indicatorRef, calendar windows and timeslices', () => {
    expect(parseSloSpecs(REFERENCED, 'search.yaml')).toEqual([
      expect.objectContaining({
        id: 'search/search-availability',
        objectivePercent: 99.9,
        target: 0.999,
        window: { kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' },
        indicator: {
          kind: 'availability',
          badQuery: 'sum(rate(search_requests_total{status="error"}[5m]))',
          totalQuery: 'sum(rate(search_requests_total[5m]))',
          counter: false,
        },
        budgeting: {
          method: 'timeslices',
          sliceSeconds: 60,
          goodSliceRatio: 0.95,
        },
      }),
    ]);
  });

  it('maps a histogram threshold metric to a latency indicator', () => {
    const [slo] = parseSloSpecs(THRESHOLD, 'latency.yaml');
    expect(slo.indicator).toEqual({
      kind: 'latency',
      histogramMetric: 'http_request_duration_seconds',
      thresholdSeconds: 0.3,
      selector: 'job="checkout"',
      percentile: 99,
    });
    expect(slo.window).toEqual({ kind: 'rolling', seconds: 7 * 86400 });
  });

  it('reads a bare timeSliceWindow as minutes and a calendar week', () => {
    const spec = REFERENCED.replace('timeSliceWindow: 1m', 'timeSliceWindow: 5')
      .replace('duration: 1M', 'duration: 1w')
      .replace(/ +calendar:\n.*\n.*\n/, '');
    const [slo] = parseSloSpecs(spec, 'search.yaml');
    expect(slo.window).toEqual({ kind: 'calendar', unit: 'week' });
    expect(slo.budgeting).toMatchObject({ sliceSeconds: 300 });
  });

  it('turns several objectives into one SLO each', () => {
    const spec = INLINE.replace(
      '    - displayName: Good\n      target: 0.995',
      '    - displayName: Good\n      target: 0.995\n    - displayName: Excellent\n      target: 0.999',
    );
    expect(parseSloSpecs(spec, 'o.yaml').map(s => [s.id, s.target])).toEqual([
      ['web/web-availability-good', 0.995],
      ['web/web-availability-excellent', 0.999],
    ]);
  });

  it.each([
    [
      INLINE.replace('target: 0.995', 'target: 99.5'),
      'o.yaml: spec.objectives[0].target: must be a number between 0 and 1',
    ],
    [
      INLINE.replace('target: 0.995', 'op: lte'),
      'o.yaml: spec.objectives[0].target: is required (or targetPercent)',
    ],
    [
      INLINE.replace(
        'target: 0.995',
        'target: 0.995\n      targetPercent: 99.5',
      ),
      'o.yaml: spec.objectives[0]: must define either target or targetPercent, not both',
    ],
    [
      INLINE.replace('type: Prometheus', 'type: Datadog'),
      'o.yaml: spec.indicator.spec.ratioMetric.good.metricSource.type: unsupported metric source "Datadog": only Prometheus is supported',
    ],
    [
      INLINE.replace(
        '        good:',
        '        bad:\n          metricSource: {spec: {query: x}}\n        good:',
      ),
      'o.yaml: spec.indicator.spec.ratioMetric: must define exactly one of good or bad',
    ],
    [
      INLINE.replace('duration: 28d', 'duration: 1M'),
      'o.yaml: spec.timeWindow[0].duration: rolling windows need a fixed duration such as "30d"; "1M" is a calendar period',
    ],
    [
      INLINE.replace(
        'budgetingMethod: Occurrences',
        'budgetingMethod: RatioTimeslices',
      ),
      'o.yaml: spec.budgetingMethod: unsupported budgeting method "RatioTimeslices": use Occurrences or Timeslices',
    ],
    [
      INLINE.replace(
        'budgetingMethod: Occurrences',
        'budgetingMethod: Timeslices',
      ),
      'o.yaml: spec.objectives[0].timeSliceWindow: is required',
    ],
    [
      REFERENCED.replace(
        'indicatorRef: search-errors',
        'indicatorRef: search-error',
      ),
      'o.yaml (document 3): spec.indicatorRef: no SLI named "search-error" found in the parsed files',
    ],
    [
      REFERENCED.replace('duration: 1M', 'duration: 30d'),
      'o.yaml (document 3): spec.timeWindow[0].duration: calendar windows must be one week, month or quarter ("1w", "1M" or "1Q"), got "30d"',
    ],
    [
      REFERENCED.replace(
        'query: sum(rate(search_requests_total[5m]))',
        'query: ""',
      ),
      'o.yaml (document 2): spec.ratioMetric.total.metricSource.spec.query: must be a non-empty string',
    ],
    [
      THRESHOLD.replace('op: lte', 'op: gte'),
      'o.yaml: spec.objectives[0].op: must be "lt" or "lte" for a latency threshold (good events are requests at or under the threshold)',
    ],
    [
      THRESHOLD.replace(
        /query: histogram_quantile.*/,
        'query: avg(checkout_latency_p99_seconds)',
      ),
      'o.yaml: spec.indicator.spec.thresholdMetric.metricSource.spec.query: cannot be mapped to a latency indicator: expected a Prometheus histogram query such as histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="api"}[5m])))',
    ],
    [
      INLINE.replace('apiVersion: openslo/v1', 'apiVersion: openslo/v1alpha'),
      // A v1 body under the v1alpha version is read (and refused) as v1alpha.
      'o.yaml: spec.objectives[0].ratioMetrics: is required',
    ],
  ])('rejects invalid spec %#', (spec, message) => {
    expect(inputErrorMessage(() => parseSloSpecs(spec, 'o.yaml'))).toBe(
      message,
    );
  });
});
