import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { parse } from 'yaml';
import { PortalClient } from './PortalClient';
import {
  PortalBackend,
  repoRoot,
  startPortalBackend,
} from './startPortalBackend';

// The CI token of app-config.api-access.yaml, on the production configuration (PostgreSQL): it
// posts DORA events, checks SLO specs and reads the deploy gate, and every other route of every
// plugin refuses it. The golden-path workflow's SLO step runs here as GitHub Actions runs it.

jest.setTimeout(240_000);

const url = new URL(
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432',
);
const connection = {
  host: url.hostname,
  port: Number(url.port || 5432),
  user: decodeURIComponent(url.username || 'postgres'),
  password: decodeURIComponent(url.password),
};

describe('the CI token on the production backend', () => {
  const prefix = `portal_sec_${crypto.randomBytes(4).toString('hex')}_`;
  const apiToken = crypto.randomBytes(24).toString('base64url');
  const admin = knexFactory({
    client: 'pg',
    connection: { ...connection, database: 'postgres' },
  });
  let backend: PortalBackend;
  let ci: PortalClient;

  beforeAll(async () => {
    backend = await startPortalBackend({
      configs: [
        'app-config.yaml',
        'app-config.production.yaml',
        'app-config.api-access.yaml',
      ],
      env: {
        POSTGRES_HOST: connection.host,
        POSTGRES_PORT: String(connection.port),
        POSTGRES_USER: connection.user,
        POSTGRES_PASSWORD: connection.password,
        POSTGRES_DATABASE_PREFIX: prefix,
        PORTAL_API_TOKEN: apiToken,
        PORTAL_CATALOG_FILE: path.resolve(
          __dirname,
          '../../../catalog/all.yaml',
        ),
      },
    });
    ci = new PortalClient(backend.baseUrl).withToken(apiToken);
    const deadline = Date.now() + 90_000;
    while (!(await paymentServiceUid())) {
      if (Date.now() > deadline) throw new Error('catalog never loaded');
      await new Promise(r => setTimeout(r, 1000));
    }
  });

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

  /** Reads the catalog's own table, since the token may not read the catalog. */
  async function paymentServiceUid(): Promise<string | undefined> {
    const db = knexFactory({
      client: 'pg',
      connection: { ...connection, database: `${prefix}catalog` },
    });
    try {
      const rows = await db('final_entities').whereNotNull('final_entity');
      const entity = rows
        .map(r => JSON.parse(r.final_entity))
        .find(e => e.metadata.name === 'payment-service');
      return entity?.metadata.uid;
    } finally {
      await db.destroy();
    }
  }

  const json = (method: string, body: unknown, type = 'application/json') => ({
    method,
    headers: { 'content-type': type },
    body: JSON.stringify(body),
  });

  it('posts DORA events (DORA resolves entities in the catalog on its behalf)', async () => {
    const sha = 'cd'.repeat(20);
    const batch = {
      deployments: [
        {
          id: 'sec-ci-run-1',
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
    const res = await ci.request('/api/dora/events', json('POST', batch));
    expect(res.status).toBe(200);
    expect((await res.json()).inserted.deployments).toBe(1);
  });

  it('posts CDEvents', async () => {
    const res = await ci.request(
      '/api/dora/cdevents',
      json(
        'POST',
        {
          specversion: '1.0',
          id: 'sec-cdevent-1',
          source: '/ci/security-test',
          type: 'dev.cdevents.testcaserun.finished.0.2.0',
          time: '2026-03-02T12:00:00Z',
          data: {
            context: {
              specversion: '0.4.1',
              id: 'sec-cdevent-1',
              source: '/ci/security-test',
              type: 'dev.cdevents.testcaserun.finished.0.2.0',
              timestamp: '2026-03-02T12:00:00Z',
            },
            subject: { id: 'test-1', content: {} },
          },
        },
        'application/cloudevents+json',
      ),
    );
    expect([res.status, await res.text()]).toEqual([200, expect.any(String)]);
  });

  describe("the golden-path workflow's SLO check", () => {
    const skeletons = path.join(repoRoot, 'templates/skeletons');
    // The scaffolder's fetch:template fills `${{ values.x }}` and drops the raw markers.
    const values: Record<string, string> = {
      name: 'checkout-api',
      team: 'payments',
      namespace: 'payments',
      availabilityObjective: '99.9',
      latencyThresholdMs: '300',
      image: 'registry.example.com/payments/checkout-api',
      workloadKind: 'deployment',
    };
    const render = (text: string) =>
      text
        .replace(/\{%-?\s*(end)?raw\s*-?%\}/g, '')
        .replace(/\$\{\{\s*values\.(\w+)\s*\}\}/g, (_, key: string) => {
          if (!(key in values)) throw new Error(`no sample value for ${key}`);
          return values[key];
        });
    const workflow = parse(
      render(
        fs.readFileSync(
          path.join(skeletons, 'node-service/.github/workflows/ci.yaml'),
          'utf8',
        ),
      ),
    ) as { jobs: Record<string, { steps: { name?: string; run?: string }[] }> };
    const step = workflow.jobs.build.steps.find(
      s => s.name === 'Check the SLO spec',
    )!.run!;

    /** Runs the step with bash -e, as a runner does, in a checkout holding only slo.yaml. */
    const runStep = (slo: string) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'golden-ci-'));
      fs.writeFileSync(path.join(dir, 'slo.yaml'), slo);
      return new Promise<{ code: number; stdout: string }>(resolve =>
        execFile(
          'bash',
          ['-e', '-c', step],
          {
            cwd: dir,
            env: {
              PATH: process.env.PATH ?? '',
              RUNNER_TEMP: dir,
              PORTAL_URL: backend.baseUrl,
              PORTAL_API_TOKEN: apiToken,
            },
          },
          (error, stdout) => {
            fs.rmSync(dir, { recursive: true, force: true });
            resolve({ code: error ? Number(error.code) : 0, stdout });
          },
        ),
      );
    };
    const skeletonSpec = (skeleton: string) =>
      render(
        fs.readFileSync(path.join(skeletons, skeleton, 'slo.yaml'), 'utf8'),
      );

    it.each(['http-api', 'worker', 'cron-job'])(
      'passes the spec a generated %s repository starts with',
      async skeleton => {
        const result = await runStep(skeletonSpec(skeleton));
        expect(result.stdout).toMatch(/^ok {2}checkout-api\//m);
        expect(result.stdout).not.toContain('::error');
        expect(result.code).toBe(0);
      },
    );

    it('fails the job on a broken spec with an annotation naming the field', async () => {
      const result = await runStep(
        skeletonSpec('http-api').replace('objective: 99.9', 'objective: 199.9'),
      );
      expect(result.code).not.toBe(0);
      expect(result.stdout).toContain(
        '::error file=slo.yaml,title=SLO spec::slo.yaml: slos[0].objective: must be a number between 0 and 100',
      );
    });
  });

  it('reads the deploy gate', async () => {
    const res = await ci.request(
      '/api/slo/gate?entityRef=component:default/payment-service',
    );
    expect(res.status).toBe(200);
    expect(typeof (await res.json()).allowed).toBe('boolean');
  });

  it.each([
    ['GET', '/api/catalog/entities'],
    ['POST', '/api/catalog/locations'],
    ['POST', '/api/catalog/refresh'],
    ['GET', '/api/dora/metrics?entityRef=component:default/payment-service'],
    [
      'GET',
      '/api/dora/deployments?entityRef=component:default/payment-service',
    ],
    ['GET', '/api/slo/slos'],
    ['GET', '/api/slo/rules'],
    ['GET', '/api/slo/entity?entityRef=component:default/payment-service'],
    ['GET', '/api/conformance/checks'],
    ['GET', '/api/kubernetes/clusters'],
    ['POST', '/api/kubernetes/proxy/api/v1/namespaces'],
    ['GET', '/api/scaffolder/v2/templates'],
    ['POST', '/api/scaffolder/v2/tasks'],
    ['GET', '/api/search/query?term=payment'],
    ['GET', '/api/permission/.well-known/backstage/permissions/metadata'],
  ])('refuses %s %s', async (method, route) => {
    const res = await ci.request(
      route,
      method === 'GET' ? {} : json(method, { type: 'url', target: 'x' }),
    );
    expect([route, res.status]).toEqual([route, 403]);
  });

  it('cannot delete an entity, which is still there afterwards', async () => {
    const uid = await paymentServiceUid();
    expect(uid).toBeDefined();
    const res = await ci.request(`/api/catalog/entities/by-uid/${uid}`, {
      method: 'DELETE',
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(
      /not a route the API client portal-api-clients may call/,
    );
    expect(await paymentServiceUid()).toBe(uid);
  });
});
