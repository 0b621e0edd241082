import { inputErrorMessage } from '../testUtils';
import { parseSloSpecs } from './parseSloSpecs';

const THIRTY_DAYS = { kind: 'rolling', seconds: 30 * 86400 };

// Shaped like Sloth's examples/k8s-getting-started.yml.
const CRD = `
apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevel
metadata:
  name: sloth-slo-my-service
  namespace: monitoring
spec:
  service: "myservice"
  labels:
    owner: "myteam"
    tier: 2
  slos:
    - name: "requests-availability"
      objective: 99.9
      description: "Common SLO based on availability for HTTP request responses."
      sli:
        events:
          errorQuery: sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))
          totalQuery: sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))
      alerting:
        name: MyServiceHighErrorRate
        labels:
          category: "availability"
        pageAlert:
          labels:
            severity: pageteam
`;

// Shaped like the prometheus/v1 example in Sloth's pkg/prometheus/api/v1.
const PROMETHEUS_V1 = `
version: "prometheus/v1"
service: "k8s-apiserver"
labels:
  cluster: "valhalla"
slos:
  - name: "requests-latency"
    objective: 99
    description: "Common SLO based on latency for Kubernetes apiserver HTTP request responses."
    sli:
      events:
        error_query: |
          (
            sum(rate(apiserver_request_duration_seconds_count{verb!="WATCH"}[{{.window}}]))
            -
            sum(rate(apiserver_request_duration_seconds_bucket{le="0.4",verb!="WATCH"}[{{.window}}]))
          )
        total_query: sum(rate(apiserver_request_duration_seconds_count{verb!="WATCH"}[{{.window}}]))
    alerting:
      name: K8sApiserverLatencyAlert
      labels:
        category: "latency"
  - name: "wifi-client-satisfaction"
    objective: 95
    labels:
      component: ubiquiti
    sli:
      raw:
        error_ratio_query: 1 - avg(avg_over_time(unifipoller_client_satisfaction_ratio[{{.window}}]))
`;

describe('Sloth specs', () => {
  it('reads the Kubernetes CRD, keeping {{.window}} for the collector', () => {
    expect(parseSloSpecs(CRD, 'slos.yaml')).toEqual([
      {
        id: 'myservice/requests-availability',
        name: 'requests-availability',
        service: 'myservice',
        description:
          'Common SLO based on availability for HTTP request responses.',
        objectivePercent: 99.9,
        target: 0.999,
        window: THIRTY_DAYS,
        indicator: {
          kind: 'availability',
          badQuery:
            'sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))',
          totalQuery:
            'sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))',
        },
        budgeting: { method: 'occurrences' },
        labels: { owner: 'myteam', tier: '2' },
        source: { format: 'sloth-v1', file: 'slos.yaml' },
      },
    ]);
  });

  it('reads the prometheus/v1 file with events and raw SLIs', () => {
    const [latency, wifi] = parseSloSpecs(PROMETHEUS_V1, 'sloth.yaml');
    expect(latency).toMatchObject({
      id: 'k8s-apiserver/requests-latency',
      target: 0.99,
      indicator: { kind: 'latency' },
      labels: { cluster: 'valhalla' },
      source: { format: 'sloth-prometheus-v1', file: 'sloth.yaml' },
    });
    expect((latency.indicator as any).badQuery).toContain(
      'apiserver_request_duration_seconds_bucket{le="0.4",verb!="WATCH"}[{{.window}}]',
    );
    expect(wifi).toMatchObject({
      id: 'k8s-apiserver/wifi-client-satisfaction',
      objectivePercent: 95,
      indicator: {
        kind: 'availability',
        errorRatioQuery:
          '1 - avg(avg_over_time(unifipoller_client_satisfaction_ratio[{{.window}}]))',
      },
      labels: { cluster: 'valhalla', component: 'ubiquiti' },
    });
  });

  it('applies the default window and policy options', () => {
    const policy = { steps: [], exemptions: ['security_patch'] };
    const window = { kind: 'calendar', unit: 'month' } as const;
    const [slo] = parseSloSpecs(CRD, 'slos.yaml', {
      defaultPolicy: policy,
      defaultWindow: window,
    });
    expect(slo.policy).toBe(policy);
    expect(slo.window).toBe(window);
  });

  const slo = (fields: string) => `
version: "prometheus/v1"
service: checkout
slos:
  - name: availability
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total[{{.window}}]))
  - name: second
${fields}
`;

  it.each([
    [
      '    objective: 120\n    sli: {raw: {error_ratio_query: x}}',
      'slos.yaml: slos[1].objective: must be a number between 0 and 100',
    ],
    [
      '    objective: "99.9"\n    sli: {raw: {error_ratio_query: x}}',
      'slos.yaml: slos[1].objective: must be a number between 0 and 100',
    ],
    [
      '    sli: {raw: {error_ratio_query: x}}',
      'slos.yaml: slos[1].objective: is required',
    ],
    [
      '    objective: 99\n    sli: {}',
      'slos.yaml: slos[1].sli: must define exactly one of events, raw or plugin',
    ],
    [
      '    objective: 99\n    sli: {plugin: {id: sloth-common/availability}}',
      'slos.yaml: slos[1].sli.plugin: Sloth SLI plugins are not supported; use events or raw',
    ],
    [
      '    objective: 99\n    sli: {events: {error_query: x}}',
      'slos.yaml: slos[1].sli.events.total_query: is required (or totalQuery)',
    ],
    [
      '    objective: 99\n    sli: {events: {errorQuery: x, error_query: x, totalQuery: y}}',
      'slos.yaml: slos[1].sli.events.error_query: set either errorQuery or error_query, not both',
    ],
    [
      '    objective: 99\n    sli: {events: {error_query: "sum(rate(x[{{.window}}])", total_query: y}}',
      'slos.yaml: slos[1].sli.events.error_query: invalid PromQL: unexpected end of expression at line 1, column 25',
    ],
  ])('rejects %j', (fields, message) => {
    expect(
      inputErrorMessage(() => parseSloSpecs(slo(fields), 'slos.yaml')),
    ).toBe(message);
  });

  it('names the CRD field path', () => {
    const bad = CRD.replace('objective: 99.9', 'objective: 0');
    expect(inputErrorMessage(() => parseSloSpecs(bad, 'slos.yaml'))).toBe(
      'slos.yaml: spec.slos[0].objective: must be a number between 0 and 100',
    );
    expect(
      inputErrorMessage(() =>
        parseSloSpecs(CRD.replace('service: "myservice"', ''), 'slos.yaml'),
      ),
    ).toBe('slos.yaml: spec.service: is required');
    expect(
      inputErrorMessage(() =>
        parseSloSpecs(
          CRD.replace('PrometheusServiceLevel', 'SLO'),
          'slos.yaml',
        ),
      ),
    ).toBe(
      'slos.yaml: kind: must be PrometheusServiceLevel for sloth.slok.dev/v1',
    );
  });
});
