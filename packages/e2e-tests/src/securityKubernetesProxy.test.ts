import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { LocalCluster, portalDevIdentities } from '@internal/local-cluster';
import { PortalClient } from './PortalClient';
import { SystemKubectl } from './systemKubectl';
import {
  SecurityPortal,
  SignedInPrincipal,
  clusterToken,
  startSecurityCluster,
  startSecurityPortal,
} from './securityPortal';
import {
  PortalBackend,
  freePort,
  repoRoot,
  startPortalBackend,
} from './startPortalBackend';

// The Kubernetes proxy adds the cluster's credentials to whatever it forwards. The portal's guard
// in front of it lets the owners of an entity read their namespace and leaves the rest to admins.
// One booted portal per signed-in principal, all on the same local cluster.

jest.setTimeout(600_000);

const CLUSTER = { 'Backstage-Kubernetes-Cluster': 'local' };

describe('Kubernetes proxy least privilege', () => {
  let cluster: LocalCluster;
  const portals = {} as Record<SignedInPrincipal, SecurityPortal>;

  beforeAll(async () => {
    cluster = await startSecurityCluster();
    for (const as of ['plain', 'owner', 'admin'] as const) {
      portals[as] = await startSecurityPortal({ cluster, as });
    }
  });

  afterAll(async () => {
    for (const portal of Object.values(portals)) await portal?.stop();
    await cluster?.close();
  });

  /** Asks the cluster itself, with its own token, whether a namespace exists. */
  async function namespaceExists(name: string) {
    const res = await fetch(`${cluster.url}/api/v1/namespaces/${name}`, {
      headers: { authorization: `Bearer ${clusterToken}` },
    });
    return res.status === 200;
  }

  function createNamespace(portal: SecurityPortal, name: string) {
    return portal.user.request('/api/kubernetes/proxy/api/v1/namespaces', {
      method: 'POST',
      headers: { ...CLUSTER, 'content-type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      }),
    });
  }

  it('refuses a plain guest creating a namespace, and the cluster has none', async () => {
    const res = await createNamespace(portals.plain, 'guest-was-here');
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(
      /POST is a write, which only admins may do/,
    );
    expect(await namespaceExists('guest-was-here')).toBe(false);
  });

  it('refuses the owner of a service creating a namespace too', async () => {
    expect(
      (await createNamespace(portals.owner, 'owner-was-here')).status,
    ).toBe(403);
    expect(await namespaceExists('owner-was-here')).toBe(false);
  });

  it('lets an admin create a namespace through the proxy', async () => {
    const res = await createNamespace(portals.admin, 'admin-made-this');
    expect(res.status).toBe(201);
    expect(await namespaceExists('admin-made-this')).toBe(true);
  });

  const read = (portal: SecurityPortal, path: string) =>
    portal.user.request(`/api/kubernetes/proxy${path}`, { headers: CLUSTER });

  it('lets the owning group read its namespace and nothing else', async () => {
    const pods = await read(portals.owner, '/api/v1/namespaces/payments/pods');
    expect(pods.status).toBe(200);
    const names = (await pods.json()).items.map(
      (p: any) => p.metadata.labels['backstage.io/kubernetes-id'],
    );
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names)).toEqual(new Set(['payment-service']));

    for (const path of [
      '/api/v1/namespaces/orders/pods',
      '/api/v1/namespaces/payments/secrets',
      '/api/v1/namespaces',
      '/api/v1/nodes',
    ]) {
      expect([path, (await read(portals.owner, path)).status]).toEqual([
        path,
        403,
      ]);
    }
  });

  it('refuses every read to a guest who owns nothing', async () => {
    for (const path of [
      '/api/v1/namespaces/payments/pods',
      '/apis/apps/v1/namespaces/orders/deployments',
    ]) {
      expect([path, (await read(portals.plain, path)).status]).toEqual([
        path,
        403,
      ]);
    }
  });

  it('lets an admin read other namespaces and cluster-wide lists', async () => {
    for (const path of [
      '/api/v1/namespaces/orders/pods',
      '/api/v1/namespaces',
    ]) {
      expect([path, (await read(portals.admin, path)).status]).toEqual([
        path,
        200,
      ]);
    }
  });

  it('refuses anonymous callers', async () => {
    const path = '/api/kubernetes/proxy/api/v1/namespaces/payments/pods';
    const res = await portals.admin.anonymous.request(path, {
      headers: CLUSTER,
    });
    expect(res.status).toBe(401);
  });
});

// A service created from a golden path is registered from a user location, so no trusted entity
// claims its namespace. The applier records, on a Namespace it creates, the entity it created it
// for; the guard reads that record with the portal's read-only credentials (portal-reader, as in
// development) and lets the entity's owners read, when the entity claims the namespace.
describe('Kubernetes proxy: namespaces the golden-path applier created', () => {
  const TEAM = 'notifications';
  const SERVICE = 'alert-digest';
  const tmp = fs.mkdtempSync(join(os.tmpdir(), 'proxy-applied-ns-'));
  const repositories = join(tmp, 'repositories');
  const { readerToken, applierToken } = portalDevIdentities(repoRoot);
  let cluster: LocalCluster;
  let files: http.Server;
  let filesUrl: string;
  let kube: SystemKubectl;
  const backends: PortalBackend[] = [];
  /** emily.watson, member of notifications, which the golden-path service is for. */
  let member: PortalClient;
  /** priya.raman, member of payments only. */
  let other: PortalClient;

  const kubectl = (...args: string[]) => kube.run(...args);

  /** The cluster's own answer, with the admin token. */
  async function asAdmin(apiPath: string) {
    return fetch(`${cluster.url}${apiPath}`, {
      headers: { authorization: `Bearer ${clusterToken}` },
    });
  }

  /** A portal whose kubernetes plugin reads as portal-reader and applier writes as portal-applier. */
  async function startPortal(userEntityRef: string): Promise<PortalClient> {
    const backend = await startPortalBackend({
      configs: ['app-config.yaml'],
      timeoutMs: 240_000,
      env: { PORTAL_DATA_DIR: fs.mkdtempSync(join(tmp, 'data-')) },
      override: {
        auth: { providers: { guest: { userEntityRef } } },
        backend: { reading: { allow: [{ host: new URL(filesUrl).host }] } },
        goldenPaths: {
          repositoryRoot: repositories,
          kubernetes: {
            clusters: [
              {
                name: 'local',
                url: cluster.url,
                serviceAccountToken: applierToken,
              },
            ],
          },
        },
        kubernetes: {
          serviceLocatorMethod: { type: 'multiTenant' },
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'local',
                  url: cluster.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: readerToken,
                },
              ],
            },
          ],
        },
        dora: { demo: { enabled: false } },
        slo: { demo: { enabled: false } },
      },
    });
    backends.push(backend);
    const anonymous = new PortalClient(backend.baseUrl);
    // Until the catalog holds the user, sign-in gives a token without her memberships.
    await (
      await anonymous.signInAsGuest()
    ).waitForEntities([
      'User:emily.watson',
      'User:priya.raman',
      'Group:notifications',
      'Component:payment-service',
      'template:http-api',
    ]);
    return anonymous.signInAsGuest();
  }

  beforeAll(async () => {
    cluster = await startSecurityCluster();
    kube = new SystemKubectl(cluster.kubeconfig());
    // The demo cluster has a namespace per team; without notifications' the golden path
    // creates it, as it does for a new team.
    await kubectl('delete', 'namespace', TEAM);
    const deadline = Date.now() + 30_000;
    while ((await asAdmin(`/api/v1/namespaces/${TEAM}`)).status !== 404) {
      if (Date.now() > deadline) throw new Error(`namespace ${TEAM} stays`);
      await new Promise(r => setTimeout(r, 200));
    }
    // A user location: a component of notifications that claims namespace identity.
    files = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/yaml' });
      res.end(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: identity-squatter
  annotations: { backstage.io/kubernetes-namespace: identity }
spec: { type: service, lifecycle: experimental, owner: group:default/${TEAM} }
`);
    });
    const port = await freePort();
    await new Promise<void>(r => files.listen(port, '127.0.0.1', r));
    filesUrl = `http://127.0.0.1:${(files.address() as any).port}`;
    member = await startPortal('user:default/emily.watson');
    other = await startPortal('user:default/priya.raman');
  });

  afterAll(async () => {
    for (const backend of backends) await backend.stop();
    await cluster?.close();
    kube?.dispose();
    await new Promise(r => files?.close(r));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const read = (client: PortalClient, apiPath: string) =>
    client.request(`/api/kubernetes/proxy${apiPath}`, { headers: CLUSTER });

  async function runGoldenPath() {
    const res = await member.request('/api/scaffolder/v2/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        templateRef: 'template:default/http-api',
        values: {
          name: SERVICE,
          description: 'Sends the daily digest of alerts.',
          owner: `group:default/${TEAM}`,
          system: 'system:default/e-commerce',
        },
      }),
    });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    for (;;) {
      const task = await (
        await member.request(`/api/scaffolder/v2/tasks/${id}`)
      ).json();
      if (['completed', 'failed', 'cancelled'].includes(task.status)) {
        const events = await (
          await member.request(`/api/scaffolder/v2/tasks/${id}/events`)
        ).json();
        const log = events.map((e: any) => e.body?.message ?? '').join('\n');
        if (task.status !== 'completed') {
          throw new Error(`task ${task.status}:\n${log}`);
        }
        return;
      }
      await new Promise(r => setTimeout(r, 500));
    }
  }

  it('lets the owning group read the namespace the golden path created, and nobody else', async () => {
    await runGoldenPath();
    const ns = await (await asAdmin(`/api/v1/namespaces/${TEAM}`)).json();
    expect(ns.metadata.labels['app.kubernetes.io/managed-by']).toBe(
      'portal-golden-path',
    );
    expect(ns.metadata.annotations['portal.io/owner-entity']).toBe(
      `component:default/${SERVICE}`,
    );

    const pods = await read(member, `/api/v1/namespaces/${TEAM}/pods`);
    expect(pods.status).toBe(200);
    const ids = (await pods.json()).items.map(
      (p: any) => p.metadata.labels['backstage.io/kubernetes-id'],
    );
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids)).toEqual(new Set([SERVICE]));

    // The other portal's catalog finds the service in the same repository folder.
    await other.waitForEntities([`Component:${SERVICE}`], 90_000);
    const refused = await read(other, `/api/v1/namespaces/${TEAM}/pods`);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(
      /reading namespace notifications is for the owners of .* or of the entity the golden-path applier created the namespace for \(portal\.io\/owner-entity on the Namespace\) when that entity claims it/,
    );
  });

  it('refuses the owning group a write into that namespace', async () => {
    const res = await member.request(
      `/api/kubernetes/proxy/api/v1/namespaces/${TEAM}/configmaps`,
      {
        method: 'POST',
        headers: { ...CLUSTER, 'content-type': 'application/json' },
        body: JSON.stringify({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'owner-wrote-this' },
        }),
      },
    );
    expect(res.status).toBe(403);
    expect(
      (await asAdmin(`/api/v1/namespaces/${TEAM}/configmaps/owner-wrote-this`))
        .status,
    ).toBe(404);
  });

  it('gives nothing for a namespace marked by hand for an entity that claims another', async () => {
    // payment-service (owned by payments, priya's group) claims namespace payments, not this.
    await kubectl('create', 'namespace', 'hand-made');
    await kubectl(
      'label',
      'namespace',
      'hand-made',
      'app.kubernetes.io/managed-by=portal-golden-path',
    );
    await kubectl(
      'annotate',
      'namespace',
      'hand-made',
      'portal.io/owner-entity=component:default/payment-service',
    );
    const ns = await (await asAdmin('/api/v1/namespaces/hand-made')).json();
    expect(ns.metadata.annotations['portal.io/owner-entity']).toBe(
      'component:default/payment-service',
    );
    expect(
      (await read(other, '/api/v1/namespaces/hand-made/pods')).status,
    ).toBe(403);
    // The same person reads the namespace payment-service does claim.
    expect((await read(other, '/api/v1/namespaces/payments/pods')).status).toBe(
      200,
    );
  });

  it('still refuses a user-registered entity claiming a namespace the applier did not mark', async () => {
    const res = await member.request('/api/catalog/locations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'url',
        target: `${filesUrl}/squatter.yaml`,
      }),
    });
    expect(res.status).toBe(201);
    await member.waitForEntities(['Component:identity-squatter']);
    const refused = await read(member, '/api/v1/namespaces/identity/pods');
    expect(refused.status).toBe(403);
  });
});
