import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import request from 'supertest';
import { conformancePlugin } from './plugin';

// Plugin wiring and routes with the real catalog (the demo organisation). Verdicts on live
// workloads need the kubernetes backend, whose ESM client cannot load inside Jest's VM; they are
// tested against the booted portal in packages/e2e-tests/src/conformance.test.ts.

jest.setTimeout(120_000);

const repoRoot = path.resolve(__dirname, '../../..');

describe('conformance backend', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        conformancePlugin,
        catalogPlugin,
        mockServices.rootLogger.factory({ level: 'warn' }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'System',
                    'Domain',
                    'API',
                    'Resource',
                    'Location',
                    'Group',
                    'User',
                  ],
                },
              ],
              locations: [
                {
                  type: 'file',
                  target: path.join(repoRoot, 'catalog/all.yaml'),
                },
              ],
              processingInterval: { seconds: 1 },
            },
            conformance: {
              catalogChanges: {
                frequency: { seconds: 3 },
                timeout: { minutes: 1 },
                initialDelay: { seconds: 1 },
              },
              // No cluster in this test (see above).
              watch: { enabled: false },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    // The catalog processes the demo files shortly after start.
    const deadline = Date.now() + 60_000;
    while (
      (
        await request(server).get(
          '/api/catalog/entities/by-name/api/default/payment-api',
        )
      ).status !== 200
    ) {
      if (Date.now() > deadline)
        throw new Error('catalog never processed the demo entities');
      await new Promise(r => setTimeout(r, 500));
    }
  });

  afterAll(async () => {
    await stop?.();
  });

  it('lists the checks with their remediation', async () => {
    const res = await request(server).get('/api/conformance/checks');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(13);
    expect(res.body.items[0]).toMatchObject({
      id: 'resource-requests',
      enabled: true,
    });
  });

  it('answers bad input with a 4xx naming the field', async () => {
    const empty = await request(server)
      .get('/api/conformance/entity')
      .query({ entityRef: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/entityRef/);

    const missing = await request(server)
      .post('/api/conformance/refresh')
      .send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/entityRef/);

    const badSeverity = await request(server)
      .get('/api/conformance/entities')
      .query({ severity: 'urgent' });
    expect(badSeverity.status).toBe(400);
    expect(badSeverity.body.error.message).toMatch(/severity/);

    const noWorkloads = await request(server)
      .post('/api/conformance/refresh')
      .send({ entityRef: 'api:default/payment-api' });
    expect(noWorkloads.status).toBe(400);
    expect(noWorkloads.body.error.message).toMatch(
      /^entityRef: .*kubernetes-id/,
    );

    const unknown = await request(server)
      .post('/api/conformance/refresh')
      .send({ entityRef: 'component:default/nope' });
    expect(unknown.status).toBe(404);
  });

  it('refuses unauthenticated calls', async () => {
    const res = await request(server)
      .get('/api/conformance/entities')
      .set('authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });
});
