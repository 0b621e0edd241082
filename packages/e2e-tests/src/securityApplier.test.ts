import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCluster } from '@internal/local-cluster';
import { repoRoot } from './startPortalBackend';
import {
  SecurityPortal,
  clusterToken,
  startSecurityCluster,
  startSecurityPortal,
} from './securityPortal';

// portal:kubernetes:apply in the booted portal, run by a signed-in user through a template of a
// configured location: refused manifests leave the cluster unchanged, and every run is an audit
// event naming the user.

jest.setTimeout(300_000);

const deployment = (
  name: string,
  namespace: string | undefined,
  pod: object,
) => `
apiVersion: apps/v1
kind: Deployment
metadata: ${JSON.stringify({ name, ...(namespace ? { namespace } : {}) })}
spec:
  replicas: 1
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec: ${JSON.stringify({
      containers: [{ name: 'app', image: 'registry.example.com/app:1.0.0' }],
      ...pod,
    })}
`;

const CASES: Record<string, { yaml: string; refusal?: RegExp }> = {
  privileged: {
    yaml: deployment('probe-privileged', undefined, {
      containers: [
        {
          name: 'app',
          image: 'registry.example.com/app:1.0.0',
          securityContext: { privileged: true },
        },
      ],
    }),
    refusal: /container "app" is privileged/,
  },
  elsewhere: {
    yaml: deployment('probe-elsewhere', 'kube-system', {}),
    refusal: /namespace "kube-system" is not the step's namespace "payments"/,
  },
  hostpath: {
    yaml: deployment('probe-hostpath', undefined, {
      volumes: [{ name: 'node', hostPath: { path: '/' } }],
    }),
    refusal: /volume "node" is a hostPath/,
  },
  fine: { yaml: deployment('probe-fine', undefined, {}) },
};

describe('the applier in the booted portal', () => {
  let cluster: LocalCluster;
  let portal: SecurityPortal;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-applier-'));

  beforeAll(async () => {
    fs.mkdirSync(path.join(dir, 'skeleton/kubernetes'), { recursive: true });
    for (const [name, { yaml }] of Object.entries(CASES)) {
      fs.writeFileSync(
        path.join(dir, `skeleton/kubernetes/${name}.yaml`),
        yaml,
      );
    }
    fs.writeFileSync(
      path.join(dir, 'template.yaml'),
      `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: guardrail-probe }
spec:
  owner: group:default/platform
  type: service
  parameters:
    - properties: { case: { type: string } }
  steps:
    - id: fetch
      action: fetch:plain
      input: { url: ./skeleton }
    - id: deploy
      action: portal:kubernetes:apply
      input:
        manifestPath: kubernetes/\${{ parameters.case }}.yaml
        namespace: payments
        waitForRollout: false
`,
    );
    cluster = await startSecurityCluster();
    portal = await startSecurityPortal({
      cluster,
      as: 'plain',
      override: {
        catalog: {
          locations: [
            { type: 'file', target: path.join(repoRoot, 'catalog/all.yaml') },
            { type: 'file', target: path.join(dir, 'template.yaml') },
          ],
        },
      },
    });
    await portal.user.waitForEntities(['Template:guardrail-probe']);
  });

  afterAll(async () => {
    await portal?.stop();
    await cluster?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function run(name: string) {
    const res = await portal.user.request('/api/scaffolder/v2/tasks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        templateRef: 'template:default/guardrail-probe',
        values: { case: name },
      }),
    });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    for (;;) {
      const task = await (
        await portal.user.request(`/api/scaffolder/v2/tasks/${id}`)
      ).json();
      if (['completed', 'failed', 'cancelled'].includes(task.status)) {
        const events = await (
          await portal.user.request(`/api/scaffolder/v2/tasks/${id}/events`)
        ).json();
        return {
          status: task.status as string,
          log: events.map((e: any) => e.body?.message ?? '').join('\n'),
        };
      }
      await new Promise(r => setTimeout(r, 300));
    }
  }

  /** The cluster's own answer, with its own token. */
  async function clusterHas(namespace: string, name: string) {
    const res = await fetch(
      `${cluster.url}/apis/apps/v1/namespaces/${namespace}/deployments/${name}`,
      { headers: { authorization: `Bearer ${clusterToken}` } },
    );
    return res.status === 200 ? res.json() : undefined;
  }

  const auditLines = () =>
    portal.backend
      .output()
      // eslint-disable-next-line no-control-regex
      .replace(/\x1b\[[0-9;]*m/g, '')
      .split('\n')
      .filter(l => l.includes('eventId="kubernetes-apply"'));

  it.each(
    Object.entries(CASES).filter(([, c]) => c.refusal) as [
      string,
      { refusal: RegExp },
    ][],
  )(
    'refuses the %s manifest; the cluster has no such object',
    async (name, c) => {
      const before = auditLines().length;
      const { status, log } = await run(name);
      expect(status).toBe('failed');
      expect(log).toMatch(c.refusal);
      for (const ns of ['payments', 'kube-system']) {
        expect(await clusterHas(ns, `probe-${name}`)).toBeUndefined();
      }
      const audits = auditLines().slice(before);
      expect(audits.some(l => /status="failed"/.test(l))).toBe(true);
      expect(
        audits.every(l => l.includes('"user":"user:development/guest"')),
      ).toBe(true);
    },
  );

  it('applies a golden-path manifest, labelled as the portal own, audited as a success', async () => {
    const before = auditLines().length;
    const { status, log } = await run('fine');
    expect([status, log]).toEqual(['completed', expect.any(String)]);
    const created = await clusterHas('payments', 'probe-fine');
    expect(created.metadata.labels['app.kubernetes.io/managed-by']).toBe(
      'portal-golden-path',
    );
    const audits = auditLines().slice(before);
    expect(
      audits.some(
        l =>
          /status="succeeded"/.test(l) &&
          l.includes('"user":"user:development/guest"'),
      ),
    ).toBe(true);
  });
});
