import { inputErrorMessage } from '../testUtils';
import { parseSloSpecFiles, parseSloSpecs } from './parseSloSpecs';

const plainSpec = (name: string, service = 'checkout') => `
slos:
  - name: ${name}
    service: ${service}
    indicator: {type: availability, bad_events: errors, total_events: requests}
    objective: 99.9
`;

const SLOTH = `
version: "prometheus/v1"
service: checkout
slos:
  - name: availability
    objective: 99.9
    sli:
      events:
        error_query: errors
        total_query: requests
`;

const SLI = `
apiVersion: openslo/v1
kind: SLI
metadata:
  name: shared-availability
spec:
  ratioMetric:
    good: {metricSource: {type: Prometheus, spec: {query: ok}}}
    total: {metricSource: {type: Prometheus, spec: {query: all}}}
`;

const SLO_WITH_REF = `
apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
spec:
  service: search
  indicatorRef: shared-availability
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99
`;

describe('parseSloSpecs', () => {
  it('reads multi-document files mixing formats', () => {
    const slos = parseSloSpecs(
      `${SLOTH}\n---\n${plainSpec('latency', 'payments')}`,
      'slos.yaml',
    );
    expect(slos.map(s => [s.id, s.source.format])).toEqual([
      ['checkout/availability', 'sloth-prometheus-v1'],
      ['payments/latency', 'plain'],
    ]);
  });

  it('slugifies ids', () => {
    const [slo] = parseSloSpecs(
      plainSpec('"Checkout API: p99"', 'Payments Team'),
      's.yaml',
    );
    expect(slo.id).toBe('payments-team/checkout-api-p99');
    expect(slo.name).toBe('Checkout API: p99');
  });

  it('ignores empty documents and OpenSLO kinds the portal does not use', () => {
    const spec = `---\n${plainSpec(
      'a',
    )}\n---\n---\napiVersion: openslo/v1\nkind: Service\nmetadata: {name: checkout}\n`;
    expect(parseSloSpecs(spec, 's.yaml')).toHaveLength(1);
  });

  it('resolves indicatorRef across files', () => {
    const slos = parseSloSpecFiles([
      { content: SLI, file: 'slis.yaml' },
      { content: SLO_WITH_REF, file: 'search.yaml' },
    ]);
    expect(slos).toEqual([
      expect.objectContaining({
        id: 'search/availability',
        indicator: { kind: 'availability', goodQuery: 'ok', totalQuery: 'all' },
        source: { format: 'openslo-v1', file: 'search.yaml' },
      }),
    ]);
  });

  it('rejects invalid YAML naming the line', () => {
    expect(
      inputErrorMessage(() =>
        parseSloSpecs('slos:\n  - name: a\n   service: b', 'slos.yaml'),
      ),
    ).toMatch(/^slos\.yaml: invalid YAML at line 3: \S/);
  });

  it.each([
    [
      'an empty file',
      '# nothing yet\n',
      'slos.yaml: contains no YAML documents',
    ],
    [
      'a scalar document',
      'just text',
      'slos.yaml: unrecognised SLO spec: expected Sloth (apiVersion: sloth.slok.dev/v1 or version: "prometheus/v1"), OpenSLO (apiVersion: openslo/v1 or openslo/v1alpha) or a plain "slos:" list',
    ],
    [
      'an unknown document',
      'apiVersion: v1\nkind: ConfigMap',
      'slos.yaml: apiVersion: unsupported apiVersion "v1": expected Sloth (apiVersion: sloth.slok.dev/v1 or version: "prometheus/v1"), OpenSLO (apiVersion: openslo/v1 or openslo/v1alpha) or a plain "slos:" list',
    ],
    [
      'another Sloth version',
      'version: prometheus/v2\nservice: a\nslos: []',
      'slos.yaml: version: unsupported Sloth spec version "prometheus/v2": expected "prometheus/v1"',
    ],
    [
      'an empty slos list',
      'slos: []',
      'slos.yaml: slos: must be a non-empty list',
    ],
    ['a non-list slos', 'slos: {a: 1}', 'slos.yaml: slos: must be a list'],
    [
      'a duplicate id',
      `${plainSpec('availability')}\n---\n${SLOTH}`,
      'slos.yaml (document 2): slos[0].name: duplicate SLO id "checkout/availability" (also defined at slos.yaml (document 1): slos[0].name)',
    ],
    [
      'a duplicate SLI',
      `${SLI}\n---\n${SLI}`,
      'slos.yaml (document 2): metadata.name: duplicate SLI name "shared-availability" (also defined in slos.yaml (document 1))',
    ],
    [
      'a name without letters',
      plainSpec('"!!!"'),
      'slos.yaml: slos[0].name: must contain at least one letter or digit',
    ],
  ])('rejects %s', (_, content, message) => {
    expect(inputErrorMessage(() => parseSloSpecs(content, 'slos.yaml'))).toBe(
      message,
    );
  });
});
