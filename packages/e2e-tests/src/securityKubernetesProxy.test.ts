import { LocalCluster } from '@internal/local-cluster';
import {
  SecurityPortal,
  SignedInPrincipal,
  clusterToken,
  startSecurityCluster,
  startSecurityPortal,
} from './securityPortal';

// The Kubernetes proxy adds the cluster's credentials to whatever it forwards. The portal's guard
// in front of it lets the owners of an entity read their namespace and leaves the rest to admins.
// One booted portal per signed-in principal, all on the same local cluster.

jest.setTimeout(300_000);

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
