import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PortalClient } from './PortalClient';
import { PortalBackend, startPortalBackend } from './startPortalBackend';

// Specs as teams write them, one of them broken in three ways, read by the real backend from a
// real catalog file: the broken document, the broken SLO and the path that leaves the entity's
// folder are error rows; every valid SLO of the entity is served; the gate denies, naming the
// file (slo.gate.onSpecError defaults to deny).

jest.setTimeout(180_000);

const SPEC = `# A plain list with counter selectors, one SLO with a typo in its PromQL
service: checkout
slos:
  - name: availability
    objective: 99.9
    indicator:
      type: availability
      good_events: http_requests_total{job="checkout",code!~"5.."}
      total_events: http_requests_total{job="checkout"}
  - name: latency
    objective: 99
    indicator:
      type: latency
      metric: http_request_duration_seconds
      threshold_ms: 300
  - name: typo
    objective: 99
    indicator:
      type: availability
      bad_events: sum(rate(http_requests_total{code=~"5.."}[5m])
      total_events: sum(rate(http_requests_total[5m]))
---
slos: [this document is not YAML
---
# Sloth's CRD, written with the prometheus/v1 spelling
apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevel
metadata:
  name: checkout
spec:
  service: checkout
  slos:
    - name: requests-availability
      objective: 99.5
      sli:
        events:
          error_query: sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))
          total_query: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))
      alerting:
        page_alert:
          disable: true
`;

const ENTITY = 'component:default/checkout';

describe('SLO spec errors stay local', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-spec-errors-'));
  let backend: PortalBackend | undefined;
  let client: PortalClient;

  beforeAll(async () => {
    const catalog = path.join(dir, 'catalog');
    fs.mkdirSync(catalog);
    fs.writeFileSync(path.join(catalog, 'slos.yaml'), SPEC);
    fs.writeFileSync(path.join(dir, 'outside.yaml'), 'slos: []\n');
    fs.writeFileSync(
      path.join(catalog, 'catalog-info.yaml'),
      `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  annotations:
    portal.io/slo-spec: ./slos.yaml, ../outside.yaml
spec:
  type: service
  lifecycle: production
  owner: group:default/payments
`,
    );
    backend = await startPortalBackend({
      configs: ['app-config.yaml'],
      env: { PORTAL_DATA_DIR: path.join(dir, 'data') },
      override: {
        catalog: {
          locations: [
            { type: 'file', target: path.join(catalog, 'catalog-info.yaml') },
          ],
        },
        slo: {
          demo: { enabled: false },
          specRefresh: {
            frequency: { seconds: 5 },
            timeout: { seconds: 60 },
            initialDelay: { seconds: 1 },
          },
        },
      },
    });
    client = await new PortalClient(backend.baseUrl).signInAsGuest();
  });

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function get(url: string): Promise<any> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const res = await client.request(url);
      if (res.status === 200) return res.json();
      if (Date.now() > deadline) {
        throw new Error(
          `${url}: ${res.status} ${await res.text()}\n${backend!.output()}`,
        );
      }
      await new Promise(r => setTimeout(r, 1000));
    }
  }

  it("serves the entity's valid SLOs with an error row per problem", async () => {
    const entity = await get(
      `/api/slo/entity?entityRef=${encodeURIComponent(ENTITY)}`,
    );
    expect(entity.slos.map((s: any) => s.slo.id)).toEqual([
      'checkout/availability',
      'checkout/latency',
      'checkout/requests-availability',
    ]);
    const [availability, latency] = entity.slos.map((s: any) => s.slo);
    expect(availability.indicator).toMatchObject({ counter: true });
    expect(latency.indicator.selector).toBe('service="checkout"');

    expect(entity.errors).toEqual([
      {
        file: '../outside.yaml',
        message:
          "../outside.yaml: must stay inside the folder of the entity's catalog location",
      },
      {
        file: './slos.yaml',
        document: 2,
        message: expect.stringMatching(
          /^\.\/slos\.yaml \(document 2\): invalid YAML at line 24: /,
        ),
      },
      {
        file: './slos.yaml',
        document: 1,
        field: 'slos[2].indicator.bad_events',
        slo: 'typo',
        message:
          './slos.yaml (document 1): slos[2].indicator.bad_events: invalid PromQL: unexpected end of expression at line 1, column 47',
      },
    ]);
    expect(JSON.stringify(entity.errors)).not.toContain(dir);
  });

  it('lists the error rows with the SLOs', async () => {
    const list = await get('/api/slo/slos');
    expect(list.items.map((s: any) => s.slo.id)).toEqual([
      'checkout/availability',
      'checkout/latency',
      'checkout/requests-availability',
    ]);
    expect(
      list.errors.map((e: any) => [e.entityRef, e.file, e.slo ?? null]),
    ).toEqual([
      [ENTITY, '../outside.yaml', null],
      [ENTITY, './slos.yaml', null],
      [ENTITY, './slos.yaml', 'typo'],
    ]);
    const healthy = await get('/api/slo/slos?status=no-data');
    expect(healthy.errors).toEqual([]);
  });

  it('denies deploys while the spec is broken, naming the file', async () => {
    const gate = await get(
      `/api/slo/gate?entityRef=${encodeURIComponent(ENTITY)}`,
    );
    expect(gate.allowed).toBe(false);
    expect(gate.reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^The SLO spec \.\/slos\.yaml has an error, so deploys are denied until it is fixed \(slo\.gate\.onSpecError: deny\): \.\/slos\.yaml \(document 1\): slos\[2\]/,
        ),
      ]),
    );
  });
});
