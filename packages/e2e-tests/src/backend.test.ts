import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { demoEntities } from './demoCatalog';
import { PortalClient } from './PortalClient';
import { PortalBackend, startPortalBackend } from './startPortalBackend';

// Boots the real backend (packages/backend, all plugins) and talks to it over HTTP, as a browser
// or a CI pipeline would. Nothing is mocked: SQLite files on disk, and the local PostgreSQL.

// A cold boot compiles the backend's TypeScript on the fly: allow minutes, not seconds.
jest.setTimeout(240_000);

function expectDemoCatalog(
  entities: Awaited<ReturnType<PortalClient['entities']>>,
) {
  const payment = entities.find(e => e.metadata.name === 'payment-service')!;
  expect(payment.relations).toEqual(
    expect.arrayContaining(
      [
        { type: 'ownedBy', targetRef: 'group:default/payments' },
        { type: 'providesApi', targetRef: 'api:default/payment-api' },
        { type: 'dependsOn', targetRef: 'resource:default/payment-database' },
      ].map(expect.objectContaining),
    ),
  );
  const errors = entities.flatMap(e =>
    (e.status?.items ?? [])
      .filter(i => i.level === 'error')
      .map(i => `${e.kind}:${e.metadata.name}: ${i.message}`),
  );
  expect(errors).toEqual([]);
}

describe('portal backend on SQLite (development config)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-sqlite-'));
  let backend: PortalBackend | undefined;

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the demo catalog to signed-in users only, and keeps it across a restart', async () => {
    backend = await startPortalBackend({
      configs: ['app-config.yaml'],
      env: { PORTAL_DATA_DIR: dataDir },
    });
    const anonymous = new PortalClient(backend.baseUrl);
    const unauthenticated = await anonymous.request('/api/catalog/entities');
    expect(unauthenticated.status).toBe(401);

    const guest = await anonymous.signInAsGuest();
    expectDemoCatalog(await guest.waitForEntities(demoEntities));

    // The permission policy: a guest owns nothing, so it may not delete an entity.
    const payment = (await guest.entities()).find(
      e => e.metadata.name === 'payment-service',
    )!;
    const del = await guest.request(
      `/api/catalog/entities/by-uid/${payment.metadata.uid}`,
      { method: 'DELETE' },
    );
    expect(del.status).toBe(403);

    expect(fs.readdirSync(dataDir)).toEqual(
      expect.arrayContaining(['catalog.sqlite']),
    );
    await backend.stop();

    // Same data folder, new process: the catalog is served from the file at once.
    backend = await startPortalBackend({
      configs: ['app-config.yaml'],
      env: { PORTAL_DATA_DIR: dataDir },
    });
    const again = await new PortalClient(backend.baseUrl).signInAsGuest();
    const names = (await again.entities()).map(e => e.metadata.name);
    expect(names).toEqual(
      expect.arrayContaining(['payment-service', 'order-api']),
    );
  });
});

describe('portal backend on PostgreSQL (production config)', () => {
  const url = new URL(
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
      'postgresql://postgres@127.0.0.1:5432',
  );
  const prefix = `portal_it_${crypto.randomBytes(4).toString('hex')}_`;
  const apiToken = crypto.randomBytes(24).toString('base64url');
  const admin = knexFactory({
    client: 'pg',
    connection: { ...connectionOf(url), database: 'postgres' },
  });
  let backend: PortalBackend | undefined;

  afterAll(async () => {
    await backend?.stop();
    const { rows } = await admin.raw(
      'select datname from pg_database where datname like ?',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await admin.raw('drop database if exists ?? with (force)', [datname]);
    }
    await admin.destroy();
  });

  it('starts from env vars, refuses guests and serves the catalog to API clients', async () => {
    const conn = connectionOf(url);
    backend = await startPortalBackend({
      configs: [
        'app-config.yaml',
        'app-config.production.yaml',
        'app-config.api-access.yaml',
      ],
      env: {
        POSTGRES_HOST: conn.host,
        POSTGRES_PORT: String(conn.port),
        POSTGRES_USER: conn.user,
        POSTGRES_PASSWORD: conn.password,
        POSTGRES_DATABASE_PREFIX: prefix,
        PORTAL_API_TOKEN: apiToken,
        PORTAL_CATALOG_FILE: path.resolve(
          __dirname,
          '../../../catalog/all.yaml',
        ),
      },
      // The CI token may only post DORA events and read the gate (securityApiToken.test.ts);
      // here it also reads the catalog and the DORA metrics, to check what the backend serves.
      override: {
        permission: {
          portal: {
            externalRoutes: {
              'portal-api-clients': [
                'POST /api/dora/events',
                'GET /api/catalog/entities',
                'GET /api/dora/metrics',
              ],
            },
          },
        },
      },
    });
    const anonymous = new PortalClient(backend.baseUrl);
    expect((await anonymous.request('/api/catalog/entities')).status).toBe(401);
    await expect(anonymous.signInAsGuest()).rejects.toThrow(
      /guest sign-in failed: 404/,
    );
    const forged = anonymous.withToken('not-the-token');
    expect((await forged.request('/api/catalog/entities')).status).toBe(401);

    const client = anonymous.withToken(apiToken);
    expectDemoCatalog(await client.waitForEntities(demoEntities));

    const { rows } = await admin.raw(
      'select datname from pg_database where datname like ?',
      [`${prefix}%`],
    );
    expect(rows.map((r: { datname: string }) => r.datname)).toEqual(
      expect.arrayContaining([`${prefix}catalog`, `${prefix}auth`]),
    );
  });

  it('takes DORA events from a CI pipeline with the static token, all or nothing', async () => {
    const client = new PortalClient(backend!.baseUrl).withToken(apiToken);
    const sha = 'ab'.repeat(20);
    const good = {
      deployments: [
        {
          id: 'ci-run-1',
          entityRef: 'component:default/payment-service',
          environment: 'production',
          status: 'success',
          finishedAt: '2026-03-02T12:00:00Z',
          commitShas: [sha],
          source: 'ci',
        },
      ],
      changes: [{ sha, committedAt: '2026-03-02T10:00:00Z' }],
    };
    const post = (c: PortalClient, body: unknown) =>
      c.request('/api/dora/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post(new PortalClient(backend!.baseUrl), good)).status).toBe(
      401,
    );

    // One bad record refuses the whole batch, naming the field.
    const mixed = {
      ...good,
      deployments: [
        ...good.deployments,
        { ...good.deployments[0], id: 'ci-run-2', finishedAt: 'yesterday' },
      ],
    };
    const refused = await post(client, mixed);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toMatch(
      /^deployments\[1\]\.finishedAt: /,
    );

    const stored = await post(client, good);
    expect(stored.status).toBe(200);
    expect((await stored.json()).inserted).toEqual({
      deployments: 1,
      changes: 1,
      incidents: 0,
    });
    expect((await (await post(client, good)).json()).inserted).toEqual({
      deployments: 0,
      changes: 0,
      incidents: 0,
    });

    const query = new URLSearchParams({
      entityRef: 'component:default/payment-service',
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-08T00:00:00Z',
    });
    const { metrics } = await client.doraMetricsDerived(
      Object.fromEntries(query),
    );
    expect(metrics.deploymentFrequency.count).toBe(1);
    expect(metrics.changeLeadTime).toMatchObject({
      median: 2 * 3_600_000,
      count: 1,
    });
  });
});

function connectionOf(url: URL) {
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    password: decodeURIComponent(url.password),
  };
}
