import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { LocalCluster } from '@internal/local-cluster';
import { freePort, repoRoot } from './startPortalBackend';
import {
  SecurityPortal,
  startSecurityCluster,
  startSecurityPortal,
} from './securityPortal';

// A signed-in user registers a location of their own: it may add components, never people,
// groups, templates, locations or clusters. A cluster Resource in a configured file is used.

jest.setTimeout(300_000);

const CLUSTER = { 'Backstage-Kubernetes-Cluster': 'local' };
// The catalog locator lists only clusters with a CA annotation; plain HTTP never reads it.
const FAKE_CA = Buffer.from('not a certificate').toString('base64');

describe('catalog trust', () => {
  let cluster: LocalCluster;
  let portal: SecurityPortal;
  let files: http.Server;
  let filesUrl: string;
  /** Requests that reached the cluster a user's Resource points at. */
  const trapRequests: string[] = [];
  let trap: http.Server;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-trust-'));

  function listen(server: http.Server, port: number) {
    return new Promise<void>(r => server.listen(port, '127.0.0.1', r));
  }

  beforeAll(async () => {
    cluster = await startSecurityCluster();
    trap = http.createServer((req, res) => {
      trapRequests.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"kind":"PodList","items":[]}');
    });
    await listen(trap, await freePort());
    const trapUrl = `http://127.0.0.1:${(trap.address() as any).port}`;

    // Kinds only configured locations may define: the catalog's rules refuse the whole file.
    const userFile = `
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: guest, namespace: development }
spec: { memberOf: ['group:default/portal-admins'] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: shadow-admins }
spec: { type: team, children: [], members: ['user:development/guest'] }
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata: { name: sneaky-location }
spec: { type: url, target: ${'${FILES}'}/more.yaml }
`;
    // Kinds a user may register, and a cluster among them that the trust processor refuses.
    const serviceFile = `
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: user-cluster
  annotations:
    kubernetes.io/api-server: ${trapUrl}
    kubernetes.io/api-server-certificate-authority: ${FAKE_CA}
    kubernetes.io/auth-provider: oidc
    kubernetes.io/oidc-token-provider: gitlab
spec: { type: kubernetes-cluster, owner: group:default/platform }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: user-registered-service }
spec: { type: service, lifecycle: experimental, owner: group:default/payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: namespace-squatter
  annotations: { backstage.io/kubernetes-namespace: payments }
spec: { type: service, lifecycle: experimental, owner: user:development/guest }
`;
    files = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/yaml' });
      res.end(
        req.url === '/service.yaml'
          ? serviceFile
          : userFile.replace('${FILES}', filesUrl),
      );
    });
    await listen(files, await freePort());
    filesUrl = `http://127.0.0.1:${(files.address() as any).port}`;

    // A configured file location holding a cluster Resource: trusted, so this cluster is used.
    const trustedFile = path.join(tmp, 'clusters.yaml');
    fs.writeFileSync(
      trustedFile,
      `apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: configured-cluster
  annotations:
    kubernetes.io/api-server: ${cluster.url}
    kubernetes.io/api-server-certificate-authority: ${FAKE_CA}
    kubernetes.io/auth-provider: oidc
    kubernetes.io/oidc-token-provider: gitlab
spec: { type: kubernetes-cluster, owner: group:default/platform }
`,
    );
    portal = await startSecurityPortal({
      cluster,
      as: 'plain',
      catalogClusters: true,
      override: {
        backend: { reading: { allow: [{ host: new URL(filesUrl).host }] } },
        catalog: {
          locations: [
            { type: 'file', target: path.join(repoRoot, 'catalog/all.yaml') },
            { type: 'file', target: trustedFile },
          ],
        },
      },
    });
  });

  afterAll(async () => {
    await portal?.stop();
    await cluster?.close();
    await new Promise(r => files?.close(r));
    await new Promise(r => trap?.close(r));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function register(file: string) {
    const res = await portal.user.request('/api/catalog/locations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'url', target: `${filesUrl}/${file}` }),
    });
    expect(res.status).toBe(201);
  }

  async function waitForOutput(pattern: RegExp) {
    const deadline = Date.now() + 60_000;
    while (!pattern.test(portal.backend.output())) {
      if (Date.now() > deadline) {
        throw new Error(`no ${pattern} in\n${portal.backend.output()}`);
      }
      await new Promise(r => setTimeout(r, 500));
    }
  }

  it('takes the component of a user-registered location and nothing that grants power', async () => {
    await register('evil.yaml');
    await register('service.yaml');
    await portal.user.waitForEntities([
      'Component:user-registered-service',
      'Component:namespace-squatter',
      'Resource:configured-cluster',
    ]);
    await waitForOutput(
      /Entity user:development\/guest at url:\S+\/evil.yaml, .* is not of an allowed kind/,
    );
    await waitForOutput(
      /resource:default\/user-cluster: Resources of type kubernetes-cluster \(clusters the backend sends its credentials to\) come only from the portal's configured catalog locations/,
    );
    const refs = (await portal.user.entities()).map(
      e => `${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`,
    );
    for (const refused of [
      'User:development/guest',
      'Group:default/shadow-admins',
      'Location:default/sneaky-location',
      'Resource:default/user-cluster',
    ]) {
      expect(refs).not.toContain(refused);
    }
  });

  it('does not let a registered component claim a namespace for its owner', async () => {
    // The guest owns namespace-squatter, annotated with namespace payments; only entities of
    // the configured locations say whose namespace is whose.
    const res = await portal.user.request(
      '/api/kubernetes/proxy/api/v1/namespaces/payments/pods',
      { headers: CLUSTER },
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(
      /reading namespace payments is for the owners of the entities of the configured catalog locations/,
    );
  });

  it('does not make the signed-in guest an admin', async () => {
    const again = await portal.anonymous.signInAsGuest();
    const res = await again.request('/api/kubernetes/proxy/api/v1/namespaces', {
      method: 'POST',
      headers: { ...CLUSTER, 'content-type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'self-made-admin' },
      }),
    });
    expect(res.status).toBe(403);
    const locations = await (
      await again.request('/api/catalog/locations')
    ).json();
    const own = locations.find((l: any) =>
      l.data.target.endsWith('/evil.yaml'),
    );
    const del = await again.request(`/api/catalog/locations/${own.data.id}`, {
      method: 'DELETE',
    });
    expect(del.status).toBe(403);
  });

  it('uses the cluster from the configured file and never the user-registered one', async () => {
    const res = await portal.user.request('/api/kubernetes/clusters');
    expect(res.status).toBe(200);
    const names = (await res.json()).items.map((c: any) => c.name);
    expect(names).toEqual(
      expect.arrayContaining(['local', 'configured-cluster']),
    );
    // Both Resources have the same shape; only where they came from differs.
    expect(names).not.toContain('user-cluster');

    expect(trapRequests).toEqual([]);
  });
});
