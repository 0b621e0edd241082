import { readSloSpecFiles } from './parseSloSpecs';

const plain = (indicator: string, extra = '') => `
service: payment-service
slos:
  - name: checkout
    objective: 99.9
    indicator:
${indicator
  .trim()
  .split('\n')
  .map(l => `      ${l}`)
  .join('\n')}
${extra}`;

const one = (content: string, options = {}) => {
  const { slos, problems } = readSloSpecFiles(
    [{ file: 'slos.yaml', content }],
    options,
  );
  expect(problems).toEqual([]);
  expect(slos).toHaveLength(1);
  return slos[0];
};

const problemsOf = (content: string) =>
  readSloSpecFiles([{ file: 'slos.yaml', content }]).problems;

describe('plain lists as people write them', () => {
  it('reads counter selectors as counters the collector takes the increase of', () => {
    const slo = one(
      plain(`
type: availability
good_events: http_requests_total{job="payment-service",code!~"5.."}
total_events: http_requests_total{job="payment-service"}`),
    );
    expect(slo.indicator).toEqual({
      kind: 'availability',
      goodQuery: 'http_requests_total{job="payment-service",code!~"5.."}',
      totalQuery: 'http_requests_total{job="payment-service"}',
      counter: true,
    });
  });

  it.each([
    ['rate', 'sum(rate(http_requests_total{code=~"5.."}[5m]))'],
    ['increase', 'sum(increase(http_requests_total{code=~"5.."}[1h]))'],
  ])('reads %s() expressions as written', (_, bad) => {
    const slo = one(
      plain(`
type: availability
bad_events: ${bad}
total_events: sum(rate(http_requests_total[5m]))`),
    );
    expect(slo.indicator).toEqual({
      kind: 'availability',
      badQuery: bad,
      totalQuery: 'sum(rate(http_requests_total[5m]))',
    });
  });

  it.each([
    [
      'good_events: http_requests_total{code!~"5.."}\ntotal_events: sum(rate(http_requests_total[5m]))',
      'slos.yaml: slos[0].indicator: good_events and total_events must all be counter selectors or all use rate()/increase()',
    ],
    [
      'good_events: sum(http_requests_total{code!~"5.."})\ntotal_events: sum(http_requests_total)',
      'slos.yaml: slos[0].indicator.good_events: must be a counter selector such as http_requests_total{code!~"5.."} or count events with rate() or increase() over a range',
    ],
    [
      'good_events: sum(rate(http_requests_total{code!~"5.."}))\ntotal_events: sum(rate(http_requests_total[5m]))',
      'slos.yaml: slos[0].indicator.good_events: invalid PromQL: rate() needs a range such as [5m] after its selector (line 1, column 10)',
    ],
    [
      'good_events: http_requests_total{code!~"5..}\ntotal_events: http_requests_total',
      'slos.yaml: slos[0].indicator.good_events: invalid PromQL: unexpected end of expression at line 1, column 32',
    ],
  ])('refuses %j', (events, message) => {
    expect(problemsOf(plain(`type: availability\n${events}`))).toEqual([
      {
        file: 'slos.yaml',
        field: expect.any(String),
        slo: 'checkout',
        message,
      },
    ]);
  });

  const latency = `
type: latency
metric: http_request_duration_seconds_bucket
threshold_ms: 500`;

  it.each([
    ['no selector', '', {}, 'service="payment-service"'],
    [
      'a configured label',
      '',
      { serviceLabel: 'app' },
      'app="payment-service"',
    ],
    [
      'a label named in the spec',
      'service_label: app_name\n',
      { serviceLabel: 'app' },
      'app_name="payment-service"',
    ],
    [
      'a route selector',
      'selector: route="/pay"\n',
      {},
      'route="/pay",service="payment-service"',
    ],
    [
      'a job selector',
      'selector: job="payments-api"\n',
      {},
      'job="payments-api"',
    ],
    [
      'a service selector',
      'selector: \'{service=~"payment-.*"}\'\n',
      {},
      'service=~"payment-.*"',
    ],
  ])(
    'scopes a latency histogram by its service with %s',
    (_, spec, options, selector) => {
      const withSelector = spec.startsWith('selector')
        ? plain(`${latency}\n${spec}`)
        : `${spec}${plain(latency)}`;
      expect(one(withSelector, options).indicator).toEqual({
        kind: 'latency',
        histogramMetric: 'http_request_duration_seconds',
        thresholdSeconds: 0.5,
        selector,
      });
    },
  );

  it('reads policy steps in any order, sorted by consumed budget', () => {
    const slo = one(
      plain(
        'type: availability\nbad_events: errors_total\ntotal_events: requests_total',
        `    error_budget_policy:
      - {consumed_percent: 100, action: halt}
      - {consumed_percent: 50, action: review}
      - {consumed_percent: 75, action: freeze}`,
      ),
    );
    expect(slo.policy?.steps.map(s => [s.consumedPercent, s.action])).toEqual([
      [50, 'review'],
      [75, 'freeze'],
      [100, 'halt'],
    ]);
  });
});

describe('problems stay local', () => {
  const sloth = (name: string) => `
version: prometheus/v1
service: checkout
slos:
  - name: ${name}
    objective: 99
    sli:
      events:
        error_query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total[{{.window}}]))`;

  it('a document that is not YAML costs only that document', () => {
    const content = [sloth('first'), 'slos: [unclosed', sloth('third')].join(
      '\n---\n',
    );
    const { slos, problems } = readSloSpecFiles([{ file: 's.yaml', content }]);
    expect(slos.map(s => s.id)).toEqual(['checkout/first', 'checkout/third']);
    expect(problems).toEqual([
      {
        file: 's.yaml',
        document: 2,
        message: expect.stringMatching(
          /^s\.yaml \(document 2\): invalid YAML at line 1[0-9]: /,
        ),
      },
    ]);
    // The line is the line of the file, not of the document.
    expect(problems[0].message).toContain('at line 13');
  });

  // Found by the portal's fuzz test (POST /api/slo/validate): padding every document with the
  // lines before it made reading quadratic: 1.1 s for 64 KiB of `---` lines, 18 s at the
  // 256 KiB spec limit.
  it('reads a 256 KiB file of empty documents in linear time', () => {
    const content = '---\n'.repeat(65_536);
    const started = performance.now();
    const { slos, problems } = readSloSpecFiles([{ file: 's.yaml', content }]);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(slos).toEqual([]);
    expect(problems).toEqual([
      { file: 's.yaml', message: 's.yaml: contains no YAML documents' },
    ]);
  });

  it('still reports a broken document by the line of the whole file', () => {
    const content = `${'---\n'.repeat(20_000)}slos: [unclosed\n`;
    const { problems } = readSloSpecFiles([{ file: 's.yaml', content }]);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/invalid YAML at line 2000[12]: /);
  });

  it('reads anchors and merge keys, and names the line of an alias to no anchor', () => {
    const shared = `x-shared: &events
  error_query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
  total_query: sum(rate(http_requests_total[{{.window}}]))
version: prometheus/v1
service: checkout
slos:
  - name: merged
    objective: 99
    sli:
      events:
        <<: *events
  - name: aliased
    objective: 99
    sli:
      events: *events`;
    const content = `${shared}\n---\nservice: checkout\nslos:\n  - *nowhere\n`;
    const { slos, problems } = readSloSpecFiles([{ file: 's.yaml', content }]);
    expect(slos.map(s => s.id)).toEqual([
      'checkout/merged',
      'checkout/aliased',
    ]);
    expect(problems).toEqual([
      {
        file: 's.yaml',
        document: 2,
        message: expect.stringMatching(
          /^s\.yaml \(document 2\): invalid YAML at line 19: .*nowhere/,
        ),
      },
    ]);
  });

  it('a document of no known shape and a broken SLO cost only themselves', () => {
    const content = [
      sloth('first'),
      'kind: ConfigMap\ndata: {}',
      `${sloth(
        'second',
      )}\n  - name: broken\n    objective: 99\n    sli: {events: {error_query: "sum(rate(x[5m])", total_query: y}}`,
    ].join('\n---\n');
    const { slos, problems } = readSloSpecFiles([{ file: 's.yaml', content }]);
    expect(slos.map(s => s.id)).toEqual(['checkout/first', 'checkout/second']);
    expect(problems).toEqual([
      {
        file: 's.yaml',
        document: 2,
        message: expect.stringContaining(
          's.yaml (document 2): unrecognised SLO spec',
        ),
      },
      {
        file: 's.yaml',
        document: 3,
        field: 'slos[1].sli.events.error_query',
        slo: 'broken',
        message:
          's.yaml (document 3): slos[1].sli.events.error_query: invalid PromQL: unexpected end of expression at line 1, column 16',
      },
    ]);
  });

  it('a second definition of an id is a problem of its own; the first is kept', () => {
    const { slos, problems } = readSloSpecFiles([
      { file: 'a.yaml', content: sloth('same') },
      { file: 'b.yaml', content: sloth('same') },
    ]);
    expect(slos.map(s => s.source.file)).toEqual(['a.yaml']);
    expect(problems).toEqual([
      {
        file: 'b.yaml',
        field: 'slos[0].name',
        slo: 'same',
        message:
          'b.yaml: slos[0].name: duplicate SLO id "checkout/same" (also defined at a.yaml: slos[0].name)',
      },
    ]);
  });

  it('an OpenSLO SLO whose SLI is missing is one problem named after the SLO', () => {
    const content = `apiVersion: openslo/v1
kind: SLO
metadata: {name: orders}
spec:
  service: orders
  indicatorRef: nowhere
  objectives: [{target: 0.99}]
---
${sloth('kept')}`;
    const { slos, problems } = readSloSpecFiles([{ file: 'o.yaml', content }]);
    expect(slos.map(s => s.id)).toEqual(['checkout/kept']);
    expect(problems).toEqual([
      {
        file: 'o.yaml',
        document: 1,
        field: 'spec.indicatorRef',
        slo: 'orders',
        message:
          'o.yaml (document 1): spec.indicatorRef: no SLI named "nowhere" found in the parsed files',
      },
    ]);
  });

  it.each([
    ['an empty file', ''],
    ['only comments', '# nothing yet\n'],
    ['only empty documents', '---\n---\n'],
  ])('%s is one problem', (_, content) => {
    expect(readSloSpecFiles([{ file: 'e.yaml', content }])).toEqual({
      slos: [],
      problems: [
        { file: 'e.yaml', message: 'e.yaml: contains no YAML documents' },
      ],
    });
  });

  it('refuses a histogram metric that is not a metric name, naming the field', () => {
    expect(
      problemsOf(
        plain('type: latency\nmetric: http-request-seconds\nthreshold_ms: 300'),
      ).map(p => p.message),
    ).toEqual([
      'slos.yaml: slos[0].indicator.metric: must be a Prometheus metric name',
    ]);
  });

  it.each([
    [
      'apiVersion: openslo/v1\nkind: SOL\nmetadata: {name: x}',
      'k.yaml: kind: unsupported kind "SOL": expected SLO, SLI, Service, DataSource, AlertPolicy, AlertCondition, AlertNotificationTarget',
    ],
    [
      'apiVersion: openslo/v1alpha\nmetadata: {name: x}',
      'k.yaml: kind: unsupported kind null: expected SLO, Service',
    ],
  ])(
    'an OpenSLO document of an unknown kind is a problem, not silence',
    (content, message) => {
      expect(
        readSloSpecFiles([{ file: 'k.yaml', content }]).problems.map(
          p => p.message,
        ),
      ).toEqual([message]);
    },
  );

  it('OpenSLO kinds without SLOs are read silently', () => {
    const content =
      'apiVersion: openslo/v1\nkind: DataSource\nmetadata: {name: prom}\nspec: {type: Prometheus}';
    expect(readSloSpecFiles([{ file: 'd.yaml', content }])).toEqual({
      slos: [],
      problems: [],
    });
  });
});
