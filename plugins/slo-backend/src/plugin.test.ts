import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { sloPlugin } from './plugin';
import { demoEntities } from './testUtils';

// Plugin wiring and routes. The catalog is a fake (catalogServiceMock) holding the demo
// components with the portal.io/slo-spec annotation the lead adds to catalog/components; their
// backstage.io/managed-by-location points at the real component files, so the specs read are
// the real catalog/slos files. Rollups are the demo seed (slo.demo.enabled).

jest.setTimeout(120_000);

// commerce is the parent of the demo's payments and orders teams (the catalog computes
// childOf from spec.parent; the fake catalog filters on the relations it is given).
const GROUPS = [
  ['commerce', undefined],
  ['payments', 'commerce'],
  ['orders', 'commerce'],
  ['identity', undefined],
].map(([name, parent]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: name!, namespace: 'default' },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
  relations: parent
    ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
    : [],
}));

describe('slo backend', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        sloPlugin,
        catalogServiceMock.factory({
          entities: [...demoEntities(), ...GROUPS],
        }),
        mockServices.rootLogger.factory({ level: 'warn' }),
        mockServices.rootConfig.factory({
          data: {
            slo: {
              demo: { enabled: true },
              // No initial delay: the mock scheduler then runs the task at startup.
              specRefresh: {
                frequency: { minutes: 5 },
                timeout: { minutes: 1 },
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    // Wait for the first refresh (specs + demo seed).
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await request(server).get('/api/slo/slos');
      if (
        res.status === 200 &&
        res.body.items.length === 6 &&
        res.body.items.every(
          (s: any) =>
            s.state.status !== 'no-data' ||
            s.slo.service === 'notification-service',
        )
      ) {
        break;
      }
      if (Date.now() > deadline)
        throw new Error(`SLOs never loaded: ${JSON.stringify(res.body)}`);
      await new Promise(r => setTimeout(r, 500));
    }
  });

  afterAll(async () => {
    await stop?.();
  });

  it('lists SLOs with state, filtered and sorted by budget', async () => {
    const res = await request(server)
      .get('/api/slo/slos')
      .query({ system: 'e-commerce', sort: 'budget' });
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: any) => [s.slo.id, s.state.status])).toEqual([
      ['user-service/api-availability', 'warning'],
      ['order-service/order-availability', 'critical'],
      ['user-service/api-latency', 'healthy'],
      ['notification-service/delivery-availability', 'no-data'],
    ]);
    const none = res.body.items[3].state;
    expect(none).toMatchObject({
      sli: null,
      budgetRemaining: null,
      timeToExhaustionSeconds: null,
      alert: { severity: 'no-data' },
    });

    const critical = await request(server)
      .get('/api/slo/slos')
      .query({ status: 'critical', owner: 'orders' });
    expect(critical.body.items).toHaveLength(1);
    expect(critical.body.items[0]).toMatchObject({
      entityRef: 'component:default/order-service',
      owner: 'group:default/orders',
      state: { alert: { severity: 'page' } },
    });
  });

  it("lists a team's SLOs with its sub-teams', and one entity's", async () => {
    const all = await request(server).get('/api/slo/slos');
    const ids = (items: any[], keep: (s: any) => boolean = () => true) =>
      items
        .filter(keep)
        .map(s => s.slo.id)
        .sort();
    const commerce = await request(server)
      .get('/api/slo/slos')
      .query({ owner: 'group:default/commerce' });
    expect(commerce.status).toBe(200);
    const expected = ids(all.body.items, s =>
      ['group:default/payments', 'group:default/orders'].includes(s.owner),
    );
    // payment-service's two SLOs and order-service's one.
    expect(expected).toHaveLength(3);
    expect(ids(commerce.body.items)).toEqual(expected);
    // A leaf team is itself alone.
    const payments = await request(server)
      .get('/api/slo/slos')
      .query({ owner: 'payments' });
    expect(ids(payments.body.items)).toEqual(
      ids(all.body.items, s => s.owner === 'group:default/payments'),
    );

    const user = await request(server)
      .get('/api/slo/slos')
      .query({ entityRef: 'user-service' });
    expect(ids(user.body.items)).toEqual([
      'user-service/api-availability',
      'user-service/api-latency',
    ]);
    // Both filters at once: an entity outside the team has none.
    const none = await request(server)
      .get('/api/slo/slos')
      .query({ owner: 'commerce', entityRef: 'user-service' });
    expect(none.body.items).toEqual([]);

    const month = new Date().toISOString().slice(0, 7);
    const commerceMonth = await request(server)
      .get('/api/slo/slos/month')
      .query({ month, owner: 'commerce' });
    expect(ids(commerceMonth.body.items)).toEqual(expected);
    const userMonth = await request(server)
      .get('/api/slo/slos/month')
      .query({ month, entityRef: 'component:default/user-service' });
    expect(ids(userMonth.body.items)).toEqual(ids(user.body.items));
  });

  it("answers a calendar month's figures per SLO, filtered like the list", async () => {
    // The demo history ends now, so the current UTC month is the month so far.
    const now = new Date();
    const month = now.toISOString().slice(0, 7);
    const res = await request(server)
      .get('/api/slo/slos/month')
      .query({ month, owner: 'payments' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      month,
      from: Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) / 1000,
      to: Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) / 1000,
      complete: false,
    });
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const item of res.body.items) {
      expect(item.owner).toBe('group:default/payments');
      // Traffic in every bucket, unless the month is only minutes old.
      expect(item.total > 0 || Date.now() / 1000 - res.body.from < 600).toBe(
        true,
      );
      expect(item.sli).toBeCloseTo(item.good / item.total, 12);
      expect(item.met).toBe(item.sli >= item.slo.target);
    }
    // A month long before the demo history has no events: no verdict, not a failure.
    const old = await request(server)
      .get('/api/slo/slos/month')
      .query({ month: '2020-01' });
    expect(old.status).toBe(200);
    expect(old.body.items).toHaveLength(6);
    for (const item of old.body.items) {
      expect(item).toMatchObject({ good: 0, total: 0, sli: null, met: null });
    }
  });

  it('returns one SLO with history at the requested resolution', async () => {
    const res = await request(server)
      .get('/api/slo/slo')
      .query({ id: 'payment-service/requests-availability', resolution: '1d' });
    expect(res.status).toBe(200);
    expect(res.body.resolutionSeconds).toBe(86400);
    expect(res.body.history).toHaveLength(30);
    const last = res.body.history[29];
    expect(last.remaining).toBeGreaterThan(0.7);
    expect(last.burnRate).toBeLessThan(0.3);

    const hourly = await request(server)
      .get('/api/slo/slo')
      .query({ id: 'payment-service/requests-availability' });
    expect(hourly.body.history).toHaveLength(720);

    const missing = await request(server)
      .get('/api/slo/slo')
      .query({ id: 'nope/nope' });
    expect(missing.status).toBe(404);
  });

  it("returns an entity's SLOs and spec errors", async () => {
    const res = await request(server)
      .get('/api/slo/entity')
      .query({ entityRef: 'user-service' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/user-service',
      owner: 'group:default/identity',
      system: 'system:default/e-commerce',
      errors: [],
    });
    expect(res.body.slos.map((s: any) => s.slo.id)).toEqual([
      'user-service/api-availability',
      'user-service/api-latency',
    ]);
  });

  it('gates deploys on the error budget policy', async () => {
    const before = new Date().toISOString();
    const denied = await request(server)
      .get('/api/slo/gate')
      .query({ entityRef: 'component:default/user-service' });
    expect(denied.status).toBe(200);
    expect(denied.body).toMatchObject({
      allowed: false,
      policyStep: { action: 'freeze', blocksDeploys: true },
    });
    const patch = await request(server).get('/api/slo/gate').query({
      entityRef: 'component:default/user-service',
      changeType: 'security_patch',
    });
    expect(patch.body.allowed).toBe(true);

    // Both answers are kept and counted for the period they fell in: two, one of them a denial.
    const after = new Date(Date.now() + 1).toISOString();
    const counted = await request(server)
      .get('/api/slo/gate/decisions')
      .query({ from: before, to: after });
    expect(counted.status).toBe(200);
    expect(counted.body.items).toEqual([
      {
        entityRef: 'component:default/user-service',
        decisions: 2,
        denials: 1,
      },
    ]);
    // Timestamps as typed, ':' unencoded.
    const earlier = await request(server).get(
      `/api/slo/gate/decisions?from=2020-01-01T00:00:00Z&to=${before}`,
    );
    expect([earlier.status, earlier.body.items]).toEqual([200, []]);
  });

  it('answers bad input with a 400 naming the field', async () => {
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      ['/api/slo/gate', {}, /entityRef/],
      ['/api/slo/gate/decisions', { to: '2026-11-01T00:00:00Z' }, /from/],
      [
        '/api/slo/gate/decisions',
        { from: '2026-11-01T00:00:00Z', to: '2026-10-01T00:00:00Z' },
        /^to: must be after from/,
      ],
      ['/api/slo/entity', { entityRef: '' }, /entityRef/],
      ['/api/slo/entity', { entityRef: 'component:' }, /^entityRef: /],
      ['/api/slo/slos', { status: 'on-fire' }, /status/],
      ['/api/slo/slos', { sort: 'name' }, /sort/],
      ['/api/slo/slos/month', {}, /month/],
      ['/api/slo/slos/month', { month: '2026-13' }, /month/],
      ['/api/slo/slos/month', { month: '2026-11-01' }, /month/],
      [
        '/api/slo/slos/month',
        { month: '2026-11', owner: 'group:' },
        /^owner: /,
      ],
      ['/api/slo/slos', { entityRef: 'component:' }, /^entityRef: /],
      [
        '/api/slo/slos/month',
        { month: '2026-11', entityRef: 'x/' },
        /^entityRef: /,
      ],
      ['/api/slo/slo', {}, /id/],
      [
        '/api/slo/slo',
        { id: 'payment-service/requests-availability', resolution: '1y' },
        /resolution/,
      ],
      [
        '/api/slo/slo',
        { id: 'payment-service/requests-availability', resolution: '90s' },
        /^resolution: /,
      ],
    ];
    for (const [url, query, message] of cases) {
      const res = await request(server).get(url).query(query);
      expect({ url, query, status: res.status }).toEqual({
        url,
        query,
        status: 400,
      });
      expect(res.body.error.message).toMatch(message);
    }
  });

  it('validates spec files without registering them', async () => {
    const spec = (objective: string) => `service: checkout
slos:
  - name: availability
    objective: ${objective}
    indicator:
      type: availability
      good_events: http_requests_total{job="checkout",code!~"5.."}
      total_events: http_requests_total{job="checkout"}
`;
    const ok = await request(server)
      .post('/api/slo/validate')
      .send({ files: [{ file: 'slo.yaml', content: spec('99.9') }] });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      valid: true,
      slos: [
        {
          id: 'checkout/availability',
          name: 'availability',
          objectivePercent: 99.9,
          file: 'slo.yaml',
        },
      ],
      problems: [],
    });

    const broken = await request(server)
      .post('/api/slo/validate')
      .send({ files: [{ file: 'slo.yaml', content: spec('199.9') }] });
    expect(broken.status).toBe(200);
    expect(broken.body.valid).toBe(false);
    expect(broken.body.problems).toEqual([
      expect.objectContaining({
        file: 'slo.yaml',
        field: 'slos[0].objective',
      }),
    ]);

    // Nothing was registered: the list still holds the six demo SLOs.
    const list = await request(server).get('/api/slo/slos');
    expect(list.body.items).toHaveLength(6);
  });

  it('answers a malformed validate request with a 400 naming the field', async () => {
    const cases: Array<[object, RegExp]> = [
      [{}, /files/],
      [{ files: [] }, /files/],
      [{ files: [{ file: 'slo.yaml' }] }, /content/],
      [{ files: [{ file: '', content: 'slos: []' }] }, /file/],
      [
        { files: [{ file: 'slo.yaml', content: 'x'.repeat(262_145) }] },
        /content/,
      ],
    ];
    for (const [body, message] of cases) {
      const res = await request(server).post('/api/slo/validate').send(body);
      expect({
        body: JSON.stringify(body).slice(0, 80),
        status: res.status,
      }).toEqual({ body: JSON.stringify(body).slice(0, 80), status: 400 });
      expect(res.body.error.message).toMatch(message);
    }
  });

  it('exports Prometheus rules that promtool accepts', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-rules-'));
    try {
      const check = async (query: Record<string, string>) => {
        const res = await request(server).get('/api/slo/rules').query(query);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/yaml/);
        const file = path.join(dir, 'rules.yaml');
        fs.writeFileSync(file, res.text);
        // promtool (scripts/system-deps.sh) is what Prometheus runs on rule_files.
        const { stdout } = await promisify(execFile)('promtool', [
          'check',
          'rules',
          file,
        ]);
        return { text: res.text, stdout };
      };

      const payment = await check({
        entityRef: 'component:default/payment-service',
      });
      // 2 SLOs × (8 windows + 6 meta recordings + page and ticket alerts).
      expect(payment.stdout).toMatch(/SUCCESS: 32 rules found/);
      expect(payment.text).toContain('record: slo:sli_error:ratio_rate30d');
      expect(payment.text).toContain(
        'sum(rate(http_server_requests_seconds_count{job="payment-service",status=~"(5..|429)"}[6h]))',
      );
      // 99.9% over 30 days: 14.4 × 0.1% budget pages.
      expect(payment.text).toContain('> (14.4 * 0.001)');

      // A 4-week window rescales the factors: 2% of 28 days in 1 hour is 13.44.
      const notification = await check({
        id: 'notification-service/delivery-availability',
      });
      expect(notification.text).toContain('> (13.44 * 0.005)');
      expect(notification.text).toContain(
        'record: slo:sli_error:ratio_rate28d',
      );

      const all = await check({});
      expect(all.stdout).toMatch(/SUCCESS: 96 rules found/);

      const missing = await request(server)
        .get('/api/slo/rules')
        .query({ id: 'payment-service/nope' });
      expect(missing.status).toBe(404);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses unauthenticated calls', async () => {
    for (const url of [
      '/api/slo/slos',
      '/api/slo/slos/month?month=2026-11',
      '/api/slo/gate?entityRef=x',
      '/api/slo/gate/decisions?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z',
      '/api/slo/rules',
    ]) {
      const res = await request(server)
        .get(url)
        .set('authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    }
    const validate = await request(server)
      .post('/api/slo/validate')
      .set('authorization', mockCredentials.none.header())
      .send({ files: [{ file: 'slo.yaml', content: 'slos: []' }] });
    expect(validate.status).toBe(401);
  });
});
