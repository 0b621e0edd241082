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
});
