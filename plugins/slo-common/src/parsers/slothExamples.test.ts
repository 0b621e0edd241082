import fs from 'node:fs';
import path from 'node:path';
import { isErrorRatioIndicator, isRatioIndicator } from '../types';
import { readSloSpecFiles } from './parseSloSpecs';

// Sloth's own examples, copied from its repository (see __fixtures__/sloth/SOURCE.md).
const read = (name: string) =>
  fs.readFileSync(path.join(__dirname, '__fixtures__/sloth', name), 'utf8');

const CAMEL_TO_SNAKE: Array<[string, string]> = [
  ['errorRatioQuery', 'error_ratio_query'],
  ['errorQuery', 'error_query'],
  ['totalQuery', 'total_query'],
  ['pageAlert', 'page_alert'],
  ['ticketAlert', 'ticket_alert'],
];

function respell(text: string, to: 'camel' | 'snake'): string {
  return CAMEL_TO_SNAKE.reduce(
    (t, [camel, snake]) =>
      to === 'snake'
        ? t.replaceAll(`${camel}:`, `${snake}:`)
        : t.replaceAll(`${snake}:`, `${camel}:`),
    text,
  );
}

describe("Sloth's documented examples", () => {
  it.each([
    [
      'getting-started.yml',
      'sloth-prometheus-v1',
      ['myservice/requests-availability'],
    ],
    [
      'k8s-getting-started.yml',
      'sloth-v1',
      ['myservice/requests-availability'],
    ],
    [
      'multifile.yml',
      'sloth-prometheus-v1',
      ['myservice/requests-availability', 'myservice2/requests-availability'],
    ],
    [
      'k8s-multifile.yml',
      'sloth-v1',
      ['myservice/requests-availability', 'myservice2/requests-availability'],
    ],
    [
      'kubernetes-apiserver.yml',
      'sloth-prometheus-v1',
      ['k8s-apiserver/requests-availability', 'k8s-apiserver/requests-latency'],
    ],
    [
      'raw-home-wifi.yml',
      'sloth-prometheus-v1',
      ['home-wifi/wifi-client-satisfaction'],
    ],
    [
      'k8s-home-wifi.yml',
      'sloth-v1',
      [
        'home-wifi/good-wifi-client-satisfaction',
        'home-wifi/risk-wifi-client-satisfaction',
      ],
    ],
    ['no-alerts.yml', 'sloth-prometheus-v1', ['myapp/http-availability']],
    [
      'openslo-getting-started.yml',
      'openslo-v1alpha',
      ['my-service/sloth-slo-my-service-0'],
    ],
    [
      'openslo-kubernetes-apiserver.yml',
      'openslo-v1alpha',
      [
        'k8s-apiserver/requests-availability-openslo-0',
        'k8s-apiserver/requests-latency-openslo-0',
        'k8s-apiserver/requests-latency-openslo-1',
      ],
    ],
  ])('%s reads as %s with SLOs %j', (file, format, ids) => {
    const { slos, problems } = readSloSpecFiles([
      { file, content: read(file) },
    ]);
    expect(problems).toEqual([]);
    expect(slos.map(s => s.id)).toEqual(ids);
    expect(slos.every(s => s.source.format === format)).toBe(true);
  });

  it('reads the CRD and the prometheus/v1 file of one service level identically', () => {
    const [crd] = readSloSpecFiles([
      { file: 'a', content: read('k8s-getting-started.yml') },
    ]).slos;
    const [plain] = readSloSpecFiles([
      { file: 'a', content: read('getting-started.yml') },
    ]).slos;
    expect({ ...crd, source: undefined }).toEqual({
      ...plain,
      source: undefined,
    });
    expect(crd.indicator).toEqual({
      kind: 'availability',
      badQuery:
        'sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))',
      totalQuery:
        'sum(rate(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))',
    });
  });

  // People copy between Sloth's two formats; the portal's seed did exactly that.
  it.each([
    ['k8s-getting-started.yml', 'snake'],
    ['k8s-multifile.yml', 'snake'],
    ['k8s-home-wifi.yml', 'snake'],
    ['getting-started.yml', 'camel'],
    ['kubernetes-apiserver.yml', 'camel'],
    ['raw-home-wifi.yml', 'camel'],
    ['no-alerts.yml', 'camel'],
  ] as const)('%s respelled in %s case gives the same SLOs', (file, to) => {
    const original = readSloSpecFiles([{ file, content: read(file) }]);
    const respelled = readSloSpecFiles([
      { file, content: respell(read(file), to) },
    ]);
    expect(respell(read(file), to)).not.toBe(read(file));
    expect(respelled.problems).toEqual([]);
    expect(respelled.slos).toEqual(original.slos);
  });

  it('keeps subqueries and raw ratios as written, {{.window}} included', () => {
    const [good] = readSloSpecFiles([
      { file: 'w', content: read('k8s-home-wifi.yml') },
    ]).slos;
    expect(isRatioIndicator(good.indicator) && good.indicator.badQuery).toBe(
      'sum_over_time((count(unifipoller_client_satisfaction_ratio < 0.75))[{{.window}}:]) OR on() vector(0)',
    );
    const [raw] = readSloSpecFiles([
      { file: 'w', content: read('raw-home-wifi.yml') },
    ]).slos;
    expect(
      isErrorRatioIndicator(raw.indicator) && raw.indicator.errorRatioQuery,
    ).toContain(
      'sum(sum_over_time(unifipoller_client_satisfaction_ratio[{{.window}}]))',
    );
  });

  it('infers latency from the category label of the apiserver example', () => {
    const { slos } = readSloSpecFiles([
      { file: 'k', content: read('kubernetes-apiserver.yml') },
    ]);
    expect(slos.map(s => s.indicator.kind)).toEqual([
      'availability',
      'latency',
    ]);
  });

  it('reads OpenSLO v1alpha, the OpenSLO version Sloth documents, with its ids', () => {
    const { slos } = readSloSpecFiles([
      { file: 'o', content: read('openslo-kubernetes-apiserver.yml') },
    ]);
    expect(
      slos.map(s => [s.name, s.objectivePercent, s.window, s.indicator.kind]),
    ).toEqual([
      [
        'requests-availability-openslo-0',
        99.9,
        { kind: 'rolling', seconds: 30 * 86400 },
        'availability',
      ],
      [
        'requests-latency-openslo-0',
        99,
        { kind: 'rolling', seconds: 30 * 86400 },
        'latency',
      ],
      [
        'requests-latency-openslo-1',
        99.9,
        { kind: 'rolling', seconds: 30 * 86400 },
        'latency',
      ],
    ]);
    expect(slos[1].indicator).toEqual({
      kind: 'latency',
      goodQuery:
        'sum(rate(apiserver_request_duration_seconds_bucket{le="0.4",verb!="WATCH"}[{{.window}}]))',
      totalQuery:
        'sum(rate(apiserver_request_duration_seconds_count{verb!="WATCH"}[{{.window}}]))',
    });
  });

  it.each([
    [
      'unit: Day',
      'unit: Month',
      'spec.timeWindows[0].unit: unsupported unit "Month" for a rolling window: use Second, Minute, Hour, Day or Week',
    ],
    [
      'source: prometheus',
      'source: datadog',
      'spec.objectives[0].ratioMetrics.good.source: unsupported source "datadog": only prometheus is supported',
    ],
    [
      'target: 0.999',
      'target: 99.9',
      'spec.objectives[0].target: must be a number between 0 and 1',
    ],
    [
      'budgetingMethod: Occurrences',
      'budgetingMethod: Timeslices',
      'spec.budgetingMethod: unsupported budgeting method "Timeslices" for openslo/v1alpha: use Occurrences',
    ],
  ])('refuses v1alpha with %s → %s', (from, to, message) => {
    const content = read('openslo-getting-started.yml').replace(from, to);
    expect(content).not.toBe(read('openslo-getting-started.yml'));
    const { problems } = readSloSpecFiles([{ file: 'o.yml', content }]);
    expect(problems.map(p => p.message)).toEqual([`o.yml: ${message}`]);
  });
});
