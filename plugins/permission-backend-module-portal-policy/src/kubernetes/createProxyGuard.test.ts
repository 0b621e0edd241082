import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { serializeError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createProxyGuard } from './createProxyGuard';
import { NamespaceReader } from './NamespaceReader';
import { kubernetesProxyReadPermission } from '../permissions';

// The first request loads the guard's modules; under a loaded CI machine that alone took
// longer than jest's default 5 s (and its late read then counted in the next test).
jest.setTimeout(30_000);

// The guard's handling of the Namespace look-up: a cluster that answers, one that never does.
// The cluster is a plain HTTP server; the policy is a stand-in that allows reads of one entity
// (and everything to an admin), since the policy's ownership rule is PortalPermissionPolicy's
// and runs in e2e-tests/src/securityKubernetesProxy.test.ts with the real catalog.

const NAMESPACE = {
  kind: 'Namespace',
  metadata: {
    name: 'notifications',
    labels: { 'app.kubernetes.io/managed-by': 'portal-golden-path' },
    annotations: { 'portal.io/owner-entity': 'component:default/alert-digest' },
  },
};

const SERVICE: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'alert-digest',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-namespace': 'notifications' },
  },
  spec: { type: 'service', owner: 'group:default/notifications' },
};

describe('createProxyGuard, namespaces the applier created', () => {
  let cluster: http.Server;
  let url: string;
  let hang = false;
  let reads = 0;

  beforeAll(async () => {
    cluster = http.createServer((req, res) => {
      reads += 1;
      if (hang) return;
      if (req.url === '/api/v1/namespaces/notifications') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(NAMESPACE));
      } else {
        res.writeHead(404).end('{}');
      }
    });
    await new Promise<void>(r => cluster.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(cluster.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    cluster.closeAllConnections();
    await new Promise(r => cluster.close(r));
  });
  beforeEach(() => {
    hang = false;
    reads = 0;
  });

  function app(options: { admin?: boolean; owns?: string[] }) {
    const permissions = mockServices.permissions.mock({
      authorize: async (requests: any[]) =>
        requests.map(r => ({
          result:
            options.admin ||
            (r.permission.name === kubernetesProxyReadPermission.name &&
              (options.owns ?? []).includes(r.resourceRef))
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
    });
    const guard = createProxyGuard({
      trustedOrigins: new Set(['file:/trusted/all.yaml']),
      // The default deadline: the guard must answer within 2 s.
      namespaces: new NamespaceReader([{ name: 'local', url, token: 't' }]),
      httpAuth: mockServices.httpAuth(),
      permissions,
      catalog: catalogServiceMock({ entities: [SERVICE] }),
      logger: mockServices.logger.mock(),
    });
    const server = express()
      .use(guard)
      .use((_req, res) => {
        res.json({ from: 'proxy' });
      })
      // As the backend's error middleware answers these two errors.
      .use(
        (
          error: Error,
          _req: express.Request,
          res: express.Response,
          _next: express.NextFunction,
        ) => {
          const status: Record<string, number> = {
            NotAllowedError: 403,
            ServiceUnavailableError: 503,
          };
          res
            .status(status[error.name] ?? 500)
            .json({ error: serializeError(error) });
        },
      );
    return { server, permissions };
  }

  const get = (server: express.Express, path: string, clusterName = 'local') =>
    request(server)
      .get(`/proxy${path}`)
      .set('Backstage-Kubernetes-Cluster', clusterName);

  it('lets the owners of the entity recorded on the namespace read it, asking about that entity', async () => {
    const { server, permissions } = app({
      owns: ['component:default/alert-digest'],
    });
    const res = await get(server, '/api/v1/namespaces/notifications/pods');
    expect(res.status).toBe(200);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: kubernetesProxyReadPermission,
          resourceRef: 'component:default/alert-digest',
        },
      ],
      expect.anything(),
    );
    // Cached: the second read asks the cluster nothing.
    await get(server, '/api/v1/namespaces/notifications/pods');
    expect(reads).toBe(1);
  });

  it('refuses anyone else, and asks no cluster about a cluster it does not know', async () => {
    const { server } = app({ owns: [] });
    expect(
      (await get(server, '/api/v1/namespaces/notifications/pods')).status,
    ).toBe(403);
    const elsewhere = app({ owns: ['component:default/alert-digest'] });
    expect(
      (
        await get(
          elsewhere.server,
          '/api/v1/namespaces/notifications/pods',
          'other-cluster',
        )
      ).status,
    ).toBe(403);
    expect(reads).toBe(1);
  });

  it('answers 503 naming the cluster and the limit within 2 s when the cluster hangs', async () => {
    hang = true;
    const { server } = app({ owns: ['component:default/alert-digest'] });
    const started = Date.now();
    const res = await get(server, '/api/v1/namespaces/notifications/pods');
    const took = Date.now() - started;
    expect(res.status).toBe(503);
    expect(res.body.error.message).toBe(
      'reading namespace notifications from cluster local: no answer within 1500 ms (kubernetes.portal.namespaceLookupTimeoutMs)',
    );
    expect(took).toBeGreaterThanOrEqual(1_450);
    expect(took).toBeLessThan(2_000);
  });

  it('lets an admin read without waiting on a hung cluster', async () => {
    hang = true;
    const { server } = app({ admin: true });
    const started = Date.now();
    const res = await get(server, '/api/v1/namespaces/notifications/pods');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(reads).toBe(0);
  });
});
