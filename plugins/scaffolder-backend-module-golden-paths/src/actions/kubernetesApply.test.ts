import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { KubernetesApplier } from '../kubernetes/KubernetesApplier';
import { createKubernetesApplyAction } from './kubernetesApply';

/**
 * A fake Kubernetes API: create (409 when present), get, replace (checks resourceVersion), and a
 * Deployment status that becomes available on the second read. A fake because the local cluster
 * package is not a dependency of this module; the e2e test applies to the real local cluster.
 */
function fakeApiServer() {
  const objects = new Map<string, any>();
  const calls: string[] = [];
  const reads = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', d => (body += d));
    req.on('end', () => {
      calls.push(`${req.method} ${req.url}`);
      if (req.headers.authorization !== 'Bearer t') {
        res.writeHead(401).end('{"message":"Unauthorized"}');
        return;
      }
      const url = req.url!;
      const send = (status: number, obj: any) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(obj));
      };
      if (req.method === 'POST') {
        const obj = JSON.parse(body);
        const key = `${url}/${obj.metadata.name}`;
        if (objects.has(key)) {
          send(409, { message: 'AlreadyExists' });
          return;
        }
        objects.set(key, {
          ...obj,
          metadata: { ...obj.metadata, resourceVersion: '1', generation: 1 },
        });
        send(201, objects.get(key));
        return;
      }
      const current = objects.get(url);
      if (!current) {
        send(404, { message: `${url} not found` });
        return;
      }
      if (req.method === 'PUT') {
        const obj = JSON.parse(body);
        if (obj.metadata.resourceVersion !== current.metadata.resourceVersion) {
          send(409, { message: 'Conflict' });
          return;
        }
        objects.set(url, {
          ...obj,
          metadata: { ...obj.metadata, resourceVersion: '2' },
        });
        send(200, objects.get(url));
        return;
      }
      const n = (reads.get(url) ?? 0) + 1;
      reads.set(url, n);
      if (current.kind === 'Deployment') {
        const r = current.spec.replicas;
        const ready = n >= 2 ? r : 0;
        current.status = {
          observedGeneration: 1,
          replicas: r,
          updatedReplicas: r,
          availableReplicas: ready,
        };
      }
      send(200, current);
      return;
    });
  });
  return { server, objects, calls };
}

const MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: invoice-api
spec:
  replicas: 2
---
apiVersion: v1
kind: Service
metadata:
  name: invoice-api
`;

describe('portal:kubernetes:apply', () => {
  let api: ReturnType<typeof fakeApiServer>;
  let url: string;
  let workspace: string;

  beforeEach(async () => {
    api = fakeApiServer();
    await new Promise<void>(r => api.server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-ws-'));
    fs.mkdirSync(path.join(workspace, 'kubernetes'));
    fs.writeFileSync(path.join(workspace, 'kubernetes/app.yaml'), MANIFESTS);
  });
  afterEach(async () => {
    await new Promise(r => api.server.close(r));
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  const action = () =>
    createKubernetesApplyAction({
      applierFor: () =>
        new KubernetesApplier({ name: 'local', url, token: 't' }),
      createNamespaces: true,
    });
  const input = {
    manifestPath: 'kubernetes',
    namespace: 'payments',
    team: 'payments',
  };

  it('creates the namespace and objects, then waits for the rollout', async () => {
    const ctx = createMockActionContext({ workspacePath: workspace, input });
    await action().handler(ctx);
    expect([...api.objects.keys()].sort()).toEqual([
      '/api/v1/namespaces/payments',
      '/api/v1/namespaces/payments/services/invoice-api',
      '/apis/apps/v1/namespaces/payments/deployments/invoice-api',
    ]);
    expect(
      api.objects.get('/api/v1/namespaces/payments').metadata.labels,
    ).toEqual({
      'backstage.io/team': 'payments',
      'app.kubernetes.io/managed-by': 'portal-golden-path',
    });
    // The plan's read (not there yet), then two rollout reads: the first saw no available
    // replicas, so the action waited.
    expect(
      api.calls.filter(
        c =>
          c === 'GET /apis/apps/v1/namespaces/payments/deployments/invoice-api',
      ),
    ).toHaveLength(3);
    expect(ctx.output).toHaveBeenCalledWith('applied', [
      'Deployment/invoice-api',
      'Service/invoice-api',
    ]);
  });

  it('records the entity it deploys on a namespace it creates, in the catalog form', async () => {
    await action().handler(
      createMockActionContext({
        workspacePath: workspace,
        input: { ...input, entityRef: 'Component:default/invoice-api' },
      }),
    );
    expect(
      api.objects.get('/api/v1/namespaces/payments').metadata.annotations,
    ).toEqual({ 'portal.io/owner-entity': 'component:default/invoice-api' });
  });

  it('leaves a namespace that exists as it is, whatever entity the step names', async () => {
    api.objects.set('/api/v1/namespaces/payments', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'payments', resourceVersion: '1' },
    });
    await action().handler(
      createMockActionContext({
        workspacePath: workspace,
        input: { ...input, entityRef: 'component:default/invoice-api' },
      }),
    );
    expect(api.objects.get('/api/v1/namespaces/payments').metadata).toEqual({
      name: 'payments',
      resourceVersion: '1',
    });
  });

  it.each(['invoice-api', 'component:', 'component:default/'])(
    'refuses entityRef %j naming the field, before the cluster is asked',
    async entityRef => {
      await expect(
        action().handler(
          createMockActionContext({
            workspacePath: workspace,
            input: { ...input, entityRef },
          }),
        ),
      ).rejects.toThrow(/^entityRef: /);
      expect(api.calls).toEqual([]);
    },
  );

  it('replaces objects that exist', async () => {
    await action().handler(
      createMockActionContext({ workspacePath: workspace, input }),
    );
    fs.writeFileSync(
      path.join(workspace, 'kubernetes/app.yaml'),
      MANIFESTS.replace('replicas: 2', 'replicas: 3'),
    );
    await action().handler(
      createMockActionContext({ workspacePath: workspace, input }),
    );
    const deployment = api.objects.get(
      '/apis/apps/v1/namespaces/payments/deployments/invoice-api',
    );
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.metadata.resourceVersion).toBe('2');
  });

  it('applies nothing when one manifest is of an unknown kind', async () => {
    fs.writeFileSync(
      path.join(workspace, 'kubernetes/z.yaml'),
      'apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: db\n',
    );
    await expect(
      action().handler(
        createMockActionContext({ workspacePath: workspace, input }),
      ),
    ).rejects.toThrow(
      /manifests\[2\] \(Cluster db\): postgresql.cnpg.io\/v1 Cluster is not a kind/,
    );
    expect(api.calls).toEqual([]);
  });

  it('names the field of a bad namespace and a missing path', async () => {
    await expect(
      action().handler(
        createMockActionContext({
          workspacePath: workspace,
          input: { ...input, namespace: 'Bad_NS' },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^namespace: /),
    });
    await expect(
      action().handler(
        createMockActionContext({
          workspacePath: workspace,
          input: { ...input, manifestPath: 'nope' },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^manifestPath: /),
    });
  });

  it('passes on the API server refusal', async () => {
    const ctx = createMockActionContext({ workspacePath: workspace, input });
    await expect(
      createKubernetesApplyAction({
        applierFor: () =>
          new KubernetesApplier({ name: 'local', url, token: 'wrong' }),
        createNamespaces: true,
      }).handler(ctx),
    ).rejects.toThrow(
      /create namespace payments in cluster local failed: 401 Unauthorized/,
    );
  });

  it('calls no API in a dry run', async () => {
    const ctx = {
      // createMockActionContext drops isDryRun, so set it on the result.
      ...createMockActionContext({
        workspacePath: workspace,
        input,
      }),
      isDryRun: true,
    };
    await action().handler(ctx);
    expect(api.calls).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith('cluster', 'local');
  });
});
