import fs from 'node:fs';
import path from 'node:path';
import { LocalCluster } from '@internal/local-cluster';
import { parse } from 'yaml';
import { PortalClient } from './PortalClient';
import { repoRoot } from './startPortalBackend';
import {
  SecurityPortal,
  SignedInPrincipal,
  startSecurityCluster,
  startSecurityPortal,
} from './securityPortal';

// Every route of the portal's own plugins (read from their OpenAPI specs, so a new route without
// a row fails here) and the Kubernetes proxy, called by five principals: no token, a plain
// signed-in user, a member of the owning group (payments), an admin, and the CI token.

jest.setTimeout(400_000);

const PRINCIPALS = ['none', 'plain', 'owner', 'admin', 'ci'] as const;
type Principal = (typeof PRINCIPALS)[number];
/** ok: any 2xx. invalid: a 4xx other than 401/403, i.e. past authorization into validation. */
type Outcome = 200 | 201 | 401 | 403 | 503 | 'ok' | 'invalid';
type Expected = Record<Principal, Outcome>;

const ENTITY = 'component:default/payment-service';
/** An SLO id as the SLO plugin lists it (set before the rows run). */
let sloId = '';
const CLUSTER = { 'Backstage-Kubernetes-Cluster': 'local' };

/** What the policy decides today for reads of the own plugins: signed-in users, not the CI token. */
const USERS_READ: Expected = {
  none: 401,
  plain: 'ok',
  owner: 'ok',
  admin: 'ok',
  ci: 403,
};
/** The CI token's routes that are about no one entity: every signed-in user may call them too. */
const USERS_AND_CI: Expected = { ...USERS_READ, ci: 'ok' };
/**
 * DORA ingest for payment-service (dora.events.create on the entity): its owners, admins and
 * the CI token (dora.ingest.apiClients: *), not a plain user.
 */
const OWNERS_AND_CI: Expected = { ...USERS_AND_CI, plain: 403 };
/** Actions on payment-service (conformance.refresh, slo.rules.read): its owners and admins. */
const OWNERS: Expected = { ...USERS_READ, plain: 403 };

interface Row {
  request: (principal: Principal) => { path: string; init?: RequestInit };
  expected: Expected;
}

const json = (body: unknown, type = 'application/json'): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': type },
  body: JSON.stringify(body),
});
const get = (p: string) => () => ({ path: p });

const ROUTES: Record<string, Row> = {
  'GET /api/conformance/checks': {
    request: get('/api/conformance/checks'),
    expected: USERS_READ,
  },
  'GET /api/conformance/entities': {
    request: get('/api/conformance/entities'),
    expected: USERS_READ,
  },
  'GET /api/conformance/entity': {
    request: get(`/api/conformance/entity?entityRef=${ENTITY}`),
    expected: USERS_READ,
  },
  'POST /api/conformance/refresh': {
    request: () => ({
      path: '/api/conformance/refresh',
      init: json({ entityRef: ENTITY }),
    }),
    expected: OWNERS,
  },
  'GET /api/review/': {
    request: get('/api/review/?month=2026-10'),
    expected: USERS_READ,
  },
  'GET /api/review/export.csv': {
    request: get(
      '/api/review/export.csv?month=2026-10&scope=group:default/payments',
    ),
    expected: USERS_READ,
  },
  'POST /api/review/snapshots': {
    // review.snapshot.create: admins only; a month not over yet stops the admin at validation.
    request: () => ({
      path: '/api/review/snapshots',
      init: json({ month: '2099-01' }),
    }),
    expected: { ...OWNERS, owner: 403, admin: 'invalid' },
  },
  'POST /api/review/items': {
    // review.item.write on the payments team: its members (IS_TEAM_MEMBER) and admins.
    request: principal => ({
      path: '/api/review/items',
      init: json({
        month: '2026-10',
        rowRef: 'group:default/payments',
        kind: 'note',
        text: `matrix ${principal}`,
      }),
    }),
    expected: OWNERS,
  },
  'PATCH /api/review/items/{id}': {
    // An item that does not exist: signed-in users get past authentication to its 404.
    request: () => ({
      path: '/api/review/items/none-such',
      init: {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'x' }),
      },
    }),
    expected: {
      ...USERS_READ,
      plain: 'invalid',
      owner: 'invalid',
      admin: 'invalid',
    },
  },
  'POST /api/dora/events': {
    request: principal => ({
      path: '/api/dora/events',
      init: json({
        deployments: [
          {
            id: `matrix-${principal}`,
            entityRef: ENTITY,
            environment: 'production',
            status: 'success',
            finishedAt: '2026-03-02T12:00:00Z',
            source: 'ci',
          },
        ],
      }),
    }),
    expected: OWNERS_AND_CI,
  },
  'POST /api/dora/cdevents': {
    request: principal => ({
      path: '/api/dora/cdevents',
      init: json(
        {
          specversion: '1.0',
          id: `matrix-${principal}`,
          source: '/ci/matrix',
          type: 'dev.cdevents.service.deployed.0.2.0',
          data: {
            context: {
              specversion: '0.4.1',
              id: `matrix-${principal}`,
              source: '/ci/matrix',
              type: 'dev.cdevents.service.deployed.0.2.0',
              timestamp: '2026-03-02T12:00:00Z',
            },
            subject: {
              id: ENTITY,
              type: 'service',
              content: {
                environment: { id: 'production' },
                artifactId: `pkg:oci/payment-service@matrix-${principal}`,
              },
            },
          },
        },
        'application/cloudevents+json',
      ),
    }),
    expected: OWNERS_AND_CI,
  },
  'POST /api/dora/webhooks/github': {
    // Open to GitHub without a token; an unsigned delivery is refused by the plugin itself.
    request: () => ({
      path: '/api/dora/webhooks/github',
      init: {
        ...json({ zen: 'matrix' }),
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'ping',
        },
      },
    }),
    // 401 from the signature check for any caller; the CI token is stopped earlier, by its
    // route list.
    expected: { none: 401, plain: 401, owner: 401, admin: 401, ci: 403 },
  },
  'GET /api/dora/metrics': {
    request: get(`/api/dora/metrics?entityRef=${ENTITY}`),
    expected: USERS_READ,
  },
  'GET /api/dora/metrics/teams': {
    request: get('/api/dora/metrics/teams?window=30d'),
    expected: USERS_READ,
  },
  'GET /api/dora/metrics/entities': {
    request: get(`/api/dora/metrics/entities?entityRefs=${ENTITY}`),
    expected: USERS_READ,
  },
  'GET /api/dora/coverage': {
    request: get('/api/dora/coverage'),
    expected: USERS_READ,
  },
  'GET /api/dora/deployments': {
    request: get(`/api/dora/deployments?entityRef=${ENTITY}`),
    expected: USERS_READ,
  },
  'GET /api/slo/slos': { request: get('/api/slo/slos'), expected: USERS_READ },
  'GET /api/slo/slos/month': {
    request: get('/api/slo/slos/month?month=2026-11'),
    expected: USERS_READ,
  },
  'GET /api/slo/slo': {
    request: () => ({
      path: `/api/slo/slo?${new URLSearchParams({ id: sloId })}`,
    }),
    expected: USERS_READ,
  },
  'GET /api/slo/entity': {
    request: get(`/api/slo/entity?entityRef=${ENTITY}`),
    expected: USERS_READ,
  },
  'GET /api/slo/gate': {
    request: get(`/api/slo/gate?entityRef=${ENTITY}`),
    expected: USERS_AND_CI,
  },
  'GET /api/slo/gate/decisions': {
    // The gate's answers counted per entity: a read for signed-in users; the CI token only asks.
    request: get(
      '/api/slo/gate/decisions?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z',
    ),
    expected: USERS_READ,
  },
  'POST /api/slo/validate': {
    request: () => ({
      path: '/api/slo/validate',
      init: json({ files: [{ file: 'slo.yaml', content: 'slos: []' }] }),
    }),
    expected: USERS_AND_CI,
  },
  'GET /api/slo/rules': {
    request: get(`/api/slo/rules?entityRef=${ENTITY}`),
    expected: OWNERS,
  },
  'POST /api/slo/collect': {
    request: () => ({
      path: '/api/slo/collect',
      init: json({ entityRef: ENTITY }),
    }),
    // slo.collect on payment-service; this portal has no Prometheus, so owners and admins get
    // past the permission to the plugin's "collection is off" (503), the others stop at 403.
    expected: { ...OWNERS, owner: 503, admin: 503 },
  },
  'GET /api/golden-paths/templates': {
    request: get('/api/golden-paths/templates'),
    expected: USERS_READ,
  },
  'GET /api/golden-paths/services': {
    request: get('/api/golden-paths/services'),
    expected: USERS_READ,
  },
  'GET /api/golden-paths/service': {
    request: get(`/api/golden-paths/service?entityRef=${ENTITY}`),
    // payment-service was not created from a template: signed-in users get past to its 404.
    expected: {
      ...USERS_READ,
      plain: 'invalid',
      owner: 'invalid',
      admin: 'invalid',
    },
  },
  'POST /api/golden-paths/upgrade': {
    request: () => ({
      path: '/api/golden-paths/upgrade',
      init: json({ entityRef: ENTITY }),
    }),
    // golden-paths.upgrade on payment-service: owners and admins get past the permission to
    // "not created from a golden-path template" (404), the others stop at 403.
    expected: { ...OWNERS, owner: 'invalid', admin: 'invalid' },
  },
  'GET /api/scorecard/checks': {
    request: get('/api/scorecard/checks'),
    expected: USERS_READ,
  },
  'GET /api/scorecard/entity': {
    // An entity that is never evaluated: signed-in users get past to its 404.
    request: get('/api/scorecard/entity?entityRef=component:default/none-such'),
    expected: {
      ...USERS_READ,
      plain: 'invalid',
      owner: 'invalid',
      admin: 'invalid',
    },
  },
  'GET /api/scorecard/entities': {
    request: get('/api/scorecard/entities'),
    expected: USERS_READ,
  },
  'GET /api/scorecard/levels': {
    request: get('/api/scorecard/levels'),
    expected: USERS_READ,
  },
  'GET /api/scorecard/rollup': {
    request: get('/api/scorecard/rollup?group=group:default/payments'),
    expected: USERS_READ,
  },
  'GET /api/scorecard/exemptions': {
    request: get('/api/scorecard/exemptions'),
    expected: USERS_READ,
  },
  'GET /api/scorecard/campaigns': {
    request: get('/api/scorecard/campaigns'),
    expected: USERS_READ,
  },
  'GET /api/scorecard/campaigns/{id}': {
    // A campaign that does not exist: signed-in users get past to its 404.
    request: get('/api/scorecard/campaigns/999999'),
    expected: {
      ...USERS_READ,
      plain: 'invalid',
      owner: 'invalid',
      admin: 'invalid',
    },
  },
  'POST /api/scorecard/campaigns': {
    request: principal => ({
      path: '/api/scorecard/campaigns',
      init: json({
        title: `matrix ${principal}`,
        checkIds: ['runbook-link'],
        deadline: '2099-01-01',
        scope: { owner: 'group:default/payments' },
      }),
    }),
    // Admins only, even for the owners: a campaign sets work with a deadline for many teams.
    expected: { ...USERS_READ, plain: 403, owner: 403, admin: 201 },
  },
  'POST /api/scorecard/results': {
    // scorecard.results.create on payment-service: its owners, admins and the CI token
    // (scorecard.ingest.apiClients: *), not a plain user.
    request: principal => ({
      path: '/api/scorecard/results',
      init: json({
        runId: `matrix-${principal}`,
        results: [{ entityRef: ENTITY, checkId: 'image-scan', state: 'pass' }],
      }),
    }),
    expected: OWNERS_AND_CI,
  },
  'POST /api/scorecard/exemptions': {
    request: () => ({
      path: '/api/scorecard/exemptions',
      init: json({
        entityRef: ENTITY,
        checkId: 'image-scan',
        reason: 'matrix',
        expiresAt: '2099-01-01T00:00:00Z',
      }),
    }),
    // Admins only, even for the owners: an exemption hides a failure from the level.
    expected: { ...USERS_READ, plain: 403, owner: 403, admin: 201 },
  },
  'POST /api/scorecard/exemptions/{id}/revoke': {
    request: () => ({
      path: '/api/scorecard/exemptions/999999/revoke',
      init: json({}),
    }),
    // Admins get past the permission to the 404 of an exemption that does not exist.
    expected: { ...USERS_READ, plain: 403, owner: 403, admin: 'invalid' },
  },
  'POST /api/scorecard/evaluate': {
    request: () => ({
      path: '/api/scorecard/evaluate',
      init: json({ entityRef: ENTITY }),
    }),
    expected: OWNERS,
  },
};

/** The proxy: reads of the owners' namespace for its owners, everything else for admins. */
const PROXY: Record<string, Row> = {
  'GET pods in the owning group namespace': {
    request: get('/api/kubernetes/proxy/api/v1/namespaces/payments/pods'),
    expected: { none: 401, plain: 403, owner: 200, admin: 200, ci: 403 },
  },
  'GET deployments in another team namespace': {
    request: get(
      '/api/kubernetes/proxy/apis/apps/v1/namespaces/orders/deployments',
    ),
    expected: { none: 401, plain: 403, owner: 403, admin: 200, ci: 403 },
  },
  'GET secrets in the owning group namespace': {
    request: get('/api/kubernetes/proxy/api/v1/namespaces/payments/secrets'),
    expected: { none: 401, plain: 403, owner: 403, admin: 200, ci: 403 },
  },
  'GET all namespaces': {
    request: get('/api/kubernetes/proxy/api/v1/namespaces'),
    expected: { none: 401, plain: 403, owner: 403, admin: 200, ci: 403 },
  },
  'POST a namespace': {
    request: principal => ({
      path: '/api/kubernetes/proxy/api/v1/namespaces',
      init: json({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: `matrix-${principal}` },
      }),
    }),
    expected: { none: 401, plain: 403, owner: 403, admin: 201, ci: 403 },
  },
  'DELETE a pod in the owning group namespace': {
    request: () => ({
      path: '/api/kubernetes/proxy/api/v1/namespaces/payments/pods/none-such',
      init: { method: 'DELETE' },
    }),
    expected: { none: 401, plain: 403, owner: 403, admin: 'invalid', ci: 403 },
  },
};

/** `METHOD /api/<plugin>/<path>` of every operation in every own plugin's OpenAPI spec. */
function specRoutes(): string[] {
  const plugins = fs.readdirSync(path.join(repoRoot, 'plugins'));
  return plugins.flatMap(dir => {
    const file = path.join(repoRoot, 'plugins', dir, 'src/schema/openapi.yaml');
    if (!fs.existsSync(file)) return [];
    const pluginId = dir.replace(/-backend$/, '');
    const spec = parse(fs.readFileSync(file, 'utf8'));
    return Object.entries(spec.paths as Record<string, object>).flatMap(
      ([route, operations]) =>
        Object.keys(operations)
          .filter(m => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map(m => `${m.toUpperCase()} /api/${pluginId}${route}`),
    );
  });
}

function matches(status: number, outcome: Outcome) {
  if (outcome === 'ok') return status >= 200 && status < 300;
  if (outcome === 'invalid') {
    return status >= 400 && status < 500 && status !== 401 && status !== 403;
  }
  return status === outcome;
}

describe('route × principal matrix', () => {
  let cluster: LocalCluster;
  const portals = {} as Record<SignedInPrincipal, SecurityPortal>;
  const results: string[] = [];

  beforeAll(async () => {
    cluster = await startSecurityCluster();
    for (const as of ['plain', 'owner', 'admin'] as const) {
      portals[as] = await startSecurityPortal({ cluster, as });
    }
    // The SLO plugin reads the specs in the background after start.
    const deadline = Date.now() + 60_000;
    while (!sloId && Date.now() < deadline) {
      const slos = await portals.admin.user.request('/api/slo/slos');
      sloId = (await slos.json()).items?.[0]?.slo.id ?? '';
      if (!sloId) await new Promise(r => setTimeout(r, 500));
    }
  });

  afterAll(async () => {
    for (const portal of Object.values(portals)) await portal?.stop();
    await cluster?.close();
  });

  function client(principal: Principal): PortalClient {
    if (principal === 'none') return portals.admin.anonymous;
    if (principal === 'ci') {
      return portals.admin.anonymous.withToken(portals.admin.apiToken);
    }
    return portals[principal].user;
  }

  it('has a row for every route of every own plugin spec, and no row for a route that is gone', () => {
    expect(Object.keys(ROUTES).sort()).toEqual(specRoutes().sort());
  });

  it.each([
    ...Object.entries(ROUTES),
    ...Object.entries(PROXY).map(([k, v]) => [`proxy: ${k}`, v] as const),
  ])('%s', async (name, row) => {
    const observed: Record<string, number> = {};
    for (const principal of PRINCIPALS) {
      const { path: p, init = {} } = row.request(principal);
      const headers = new Headers(init.headers);
      if (p.startsWith('/api/kubernetes/proxy')) {
        headers.set(
          'Backstage-Kubernetes-Cluster',
          CLUSTER['Backstage-Kubernetes-Cluster'],
        );
      }
      const res = await client(principal).request(p, { ...init, headers });
      await res.arrayBuffer();
      observed[principal] = res.status;
      results.push(`${name} ${principal} ${res.status}`);
    }
    const wrong = PRINCIPALS.filter(
      p => !matches(observed[p], row.expected[p]),
    ).map(p => `${p}: expected ${row.expected[p]}, got ${observed[p]}`);
    expect(wrong).toEqual([]);
  });

  it('covered every cell', () => {
    const rows = Object.keys(ROUTES).length + Object.keys(PROXY).length;
    expect(results).toHaveLength(rows * PRINCIPALS.length);
  });
});
