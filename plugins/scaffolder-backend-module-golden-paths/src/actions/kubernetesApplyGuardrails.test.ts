import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AuditorService } from '@backstage/backend-plugin-api';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { KubernetesApplier } from '../kubernetes/KubernetesApplier';
import { createKubernetesApplyAction } from './kubernetesApply';

// One row per guardrail of portal:kubernetes:apply. A recording HTTP server stands in for the
// cluster and counts every request that reaches it: a refused manifest must reach it zero times.

const deployment = (podSpec: Record<string, unknown>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api' },
  spec: {
    template: {
      spec: { containers: [{ name: 'app', image: 'app:1' }], ...podSpec },
    },
  },
});

const refusals: [string, unknown, RegExp][] = [
  [
    'a manifest naming another namespace',
    { ...deployment({}), metadata: { name: 'api', namespace: 'kube-system' } },
    /namespace "kube-system" is not the step's namespace "payments"/,
  ],
  [
    'a Namespace',
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } },
    /v1 Namespace is not a kind golden paths apply/,
  ],
  [
    'a cluster-wide kind',
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'me-admin' },
    },
    /ClusterRoleBinding is not a kind golden paths apply/,
  ],
  [
    'a service-account-token Secret',
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/service-account-token',
      metadata: { name: 't' },
    },
    /service-account-token Secret hands out a cluster credential/,
  ],
  [
    'a Secret bound to a service account by annotation',
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 't',
        annotations: { 'kubernetes.io/service-account.name': 'default' },
      },
    },
    /service-account-token Secret/,
  ],
  [
    'a privileged container',
    deployment({
      containers: [{ name: 'root', securityContext: { privileged: true } }],
    }),
    /container "root" is privileged/,
  ],
  [
    'a privileged init container of a CronJob',
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly' },
      spec: {
        jobTemplate: {
          spec: {
            template: {
              spec: {
                initContainers: [
                  { name: 'setup', securityContext: { privileged: true } },
                ],
                containers: [{ name: 'job' }],
              },
            },
          },
        },
      },
    },
    /CronJob nightly\): container "setup" is privileged/,
  ],
  [
    'a hostPath volume',
    deployment({ volumes: [{ name: 'root', hostPath: { path: '/' } }] }),
    /volume "root" is a hostPath/,
  ],
  ['hostNetwork', deployment({ hostNetwork: true }), /hostNetwork shares/],
  ['hostPID', deployment({ hostPID: true }), /hostPID shares/],
  ['hostIPC', deployment({ hostIPC: true }), /hostIPC shares/],
];

describe('portal:kubernetes:apply guardrails', () => {
  let server: http.Server;
  let url: string;
  let requests: string[];
  /** What GET returns per path; everything else is 404. */
  let existing: Map<string, unknown>;
  let workspace: string;
  let audits: { meta: any; outcome?: string; error?: string }[];

  const auditor: AuditorService = {
    async createEvent(options) {
      const entry: (typeof audits)[number] = { meta: options.meta };
      audits.push(entry);
      return {
        async success() {
          entry.outcome = 'success';
        },
        async fail({ error }) {
          entry.outcome = 'fail';
          entry.error = error.message;
        },
      };
    },
  };

  beforeEach(async () => {
    requests = [];
    audits = [];
    existing = new Map();
    server = http.createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      const found = req.method === 'GET' && existing.get(req.url!);
      const status = req.method !== 'GET' ? 201 : 404;
      res.writeHead(found ? 200 : status, {
        'content-type': 'application/json',
      });
      res.end(JSON.stringify(found || {}));
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-guard-'));
  });
  afterEach(async () => {
    await new Promise(r => server.close(r));
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  function run(
    manifest: unknown,
    options: { namespace?: string; createNamespaces?: boolean } = {},
  ) {
    fs.writeFileSync(
      path.join(workspace, 'app.yaml'),
      JSON.stringify(manifest),
    );
    const ctx = createMockActionContext({
      workspacePath: workspace,
      input: {
        manifestPath: 'app.yaml',
        namespace: options.namespace ?? 'payments',
        waitForRollout: false,
      },
      user: { ref: 'user:default/priya.raman' },
    });
    return createKubernetesApplyAction({
      applierFor: () =>
        new KubernetesApplier({ name: 'local', url, token: 't' }),
      createNamespaces: options.createNamespaces ?? true,
      auditor,
    }).handler(ctx);
  }

  it.each(refusals)(
    'refuses %s with zero requests to the cluster, and audits the refusal',
    async (_, manifest, message) => {
      await expect(run(manifest)).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(message),
      });
      expect(requests).toEqual([]);
      expect(audits).toEqual([
        {
          meta: expect.objectContaining({
            user: 'user:default/priya.raman',
            cluster: 'local',
            namespace: 'payments',
          }),
          outcome: 'fail',
          error: expect.stringMatching(message),
        },
      ]);
    },
  );

  it('refuses a cluster namespace as the step namespace with zero requests', async () => {
    await expect(
      run(deployment({}), { namespace: 'kube-system' }),
    ).rejects.toThrow(/^namespace: "kube-system" belongs to the cluster/);
    expect(requests).toEqual([]);
  });

  it('never replaces an object the portal did not create: reads only, writes nothing', async () => {
    existing.set('/apis/apps/v1/namespaces/payments/deployments/api', {
      metadata: { name: 'api', resourceVersion: '7', labels: { app: 'api' } },
    });
    await expect(run(deployment({}))).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /Deployment payments\/api exists in cluster local and was not created by the portal/,
      ),
    });
    // The namespace create is the action's own step; no object is written.
    expect(requests).toEqual([
      'POST /api/v1/namespaces',
      'GET /apis/apps/v1/namespaces/payments/deployments/api',
    ]);
    expect(audits[0].outcome).toBe('fail');
  });

  it('leaves alone an unlabelled object the manifest already matches, writing nothing to it', async () => {
    const policy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny-ingress' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    };
    existing.set(
      '/apis/networking.k8s.io/v1/namespaces/payments/networkpolicies/default-deny-ingress',
      {
        ...policy,
        metadata: { name: 'default-deny-ingress', resourceVersion: '3' },
      },
    );
    await run(policy);
    expect(requests).toEqual([
      'POST /api/v1/namespaces',
      'GET /apis/networking.k8s.io/v1/namespaces/payments/networkpolicies/default-deny-ingress',
    ]);
    expect(audits[0].outcome).toBe('success');
  });

  it('does not create a missing namespace unless config allows: one read, no write', async () => {
    await expect(
      run(deployment({}), { createNamespaces: false }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringMatching(
        /namespace: payments does not exist in cluster local, and goldenPaths.kubernetes.createNamespaces is off/,
      ),
    });
    expect(requests).toEqual(['GET /api/v1/namespaces/payments']);
  });

  it('replaces its own object and labels what it writes, audited as a success', async () => {
    existing.set('/apis/apps/v1/namespaces/payments/deployments/api', {
      metadata: {
        name: 'api',
        resourceVersion: '7',
        labels: { 'app.kubernetes.io/managed-by': 'portal-golden-path' },
      },
    });
    const bodies: any[] = [];
    server.removeAllListeners('request');
    server.on('request', (req, res) => {
      requests.push(`${req.method} ${req.url}`);
      let body = '';
      req.on('data', d => (body += d));
      req.on('end', () => {
        if (body) bodies.push(JSON.parse(body));
        const found = req.method === 'GET' && existing.get(req.url!);
        res.writeHead(found || req.method !== 'GET' ? 200 : 404, {
          'content-type': 'application/json',
        });
        res.end(JSON.stringify(found || {}));
      });
    });
    await run(deployment({}));
    expect(requests).toEqual([
      'POST /api/v1/namespaces',
      'GET /apis/apps/v1/namespaces/payments/deployments/api',
      'PUT /apis/apps/v1/namespaces/payments/deployments/api',
    ]);
    expect(bodies[1].metadata).toMatchObject({
      namespace: 'payments',
      resourceVersion: '7',
      labels: { 'app.kubernetes.io/managed-by': 'portal-golden-path' },
    });
    expect(audits).toEqual([
      {
        meta: expect.objectContaining({ user: 'user:default/priya.raman' }),
        outcome: 'success',
      },
    ]);
  });
});
