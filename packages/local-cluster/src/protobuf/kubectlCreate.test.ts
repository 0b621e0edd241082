/**
 * The system kubectl (v1.32) against the local cluster: its `create`
 * subcommands and `autoscale` send protobuf bodies and ask for protobuf
 * answers. Each object is read back as JSON and checked field by field.
 */
import { KubectlSession, startKubectlSession } from '../testing/kubectl';

jest.setTimeout(120000);

let k: KubectlSession;

beforeAll(async () => {
  k = await startKubectlSession();
});
afterAll(() => k?.close());

const NS = 'holdout';

async function getJson(...args: string[]): Promise<any> {
  return JSON.parse(await k.ok('get', ...args, '-o', 'json'));
}

describe('kubectl create with protobuf bodies', () => {
  it('creates a namespace, sending and receiving protobuf', async () => {
    const r = await k.run(['create', 'namespace', NS, '-v=8']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`namespace/${NS} created`);
    // client-go's request and response headers, as logged at -v=8.
    expect(r.stderr).toMatch(
      /POST https:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\?/,
    );
    expect(r.stderr).toMatch(
      /Content-Type: application\/vnd\.kubernetes\.protobuf\n[\s\S]*Response Status: 201 Created[\s\S]*Content-Type: application\/vnd\.kubernetes\.protobuf/,
    );
    const ns = await getJson('namespace', NS);
    expect(ns.metadata.name).toBe(NS);
    expect(ns.status.phase).toBe('Active');
  });

  it('creates a deployment with the image, and it rolls out', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'create',
        'deployment',
        'x',
        '--image=nginx:1.27',
        '--replicas=2',
        '--port=80',
      ),
    ).toContain('deployment.apps/x created');
    const d = await getJson('-n', NS, 'deployment', 'x');
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.selector.matchLabels).toEqual({ app: 'x' });
    expect(d.spec.template.spec.containers[0]).toMatchObject({
      name: 'nginx',
      image: 'nginx:1.27',
      ports: [{ containerPort: 80 }],
    });
    await k.ok('-n', NS, 'rollout', 'status', 'deployment/x', '--timeout=60s');
  });

  it('keeps --replicas=0 (a pointer zero on the wire)', async () => {
    await k.ok(
      '-n',
      NS,
      'create',
      'deployment',
      'idle',
      '--image=nginx:1.27',
      '--replicas=0',
    );
    expect((await getJson('-n', NS, 'deployment', 'idle')).spec.replicas).toBe(
      0,
    );
  });

  it('creates a configmap and a secret whose value decodes back', async () => {
    await k.ok(
      '-n',
      NS,
      'create',
      'configmap',
      'settings',
      '--from-literal=mode=prod',
      '--from-literal=empty=',
    );
    expect((await getJson('-n', NS, 'configmap', 'settings')).data).toEqual({
      mode: 'prod',
      empty: '',
    });
    await k.ok(
      '-n',
      NS,
      'create',
      'secret',
      'generic',
      'creds',
      '--from-literal=password=hunter2',
    );
    const s = await getJson('-n', NS, 'secret', 'creds');
    expect(s.type).toBe('Opaque');
    expect(Buffer.from(s.data.password, 'base64').toString()).toBe('hunter2');
  });

  it('creates a service account', async () => {
    await k.ok('-n', NS, 'create', 'serviceaccount', 'builder');
    expect(
      (await getJson('-n', NS, 'serviceaccount', 'builder')).metadata.name,
    ).toBe('builder');
  });

  it('creates roles and bindings', async () => {
    await k.ok(
      '-n',
      NS,
      'create',
      'role',
      'pod-reader',
      '--verb=get,list,watch',
      '--resource=pods,deployments.apps',
    );
    const role = await getJson('-n', NS, 'role', 'pod-reader');
    expect(role.rules).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
      {
        apiGroups: ['apps'],
        resources: ['deployments'],
        verbs: ['get', 'list', 'watch'],
      },
    ]);
    await k.ok(
      '-n',
      NS,
      'create',
      'rolebinding',
      'read-pods',
      '--role=pod-reader',
      '--user=alice',
      `--serviceaccount=${NS}:builder`,
    );
    const rb = await getJson('-n', NS, 'rolebinding', 'read-pods');
    expect(rb.roleRef).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'pod-reader',
    });
    expect(rb.subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' },
      { kind: 'ServiceAccount', name: 'builder', namespace: NS },
    ]);
    await k.ok(
      'create',
      'clusterrole',
      'node-viewer',
      '--verb=get,list',
      '--resource=nodes',
    );
    const cr = await getJson('clusterrole', 'node-viewer');
    expect(cr.rules).toEqual([
      { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] },
    ]);
    await k.ok(
      'create',
      'clusterrolebinding',
      'node-viewers',
      '--clusterrole=node-viewer',
      '--group=ops',
    );
    const crb = await getJson('clusterrolebinding', 'node-viewers');
    expect(crb.roleRef.name).toBe('node-viewer');
    expect(crb.subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'ops' },
    ]);
  });

  it('creates a job and a cronjob with their commands', async () => {
    await k.ok(
      '-n',
      NS,
      'create',
      'job',
      'migrate',
      '--image=busybox:1.36',
      '--',
      'sh',
      '-c',
      'echo done',
    );
    const job = await getJson('-n', NS, 'job', 'migrate');
    expect(job.spec.template.spec.containers[0]).toMatchObject({
      image: 'busybox:1.36',
      command: ['sh', '-c', 'echo done'],
    });
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    await k.ok(
      '-n',
      NS,
      'create',
      'cronjob',
      'nightly',
      '--image=busybox:1.36',
      '--schedule=*/5 * * * *',
      '--',
      'date',
    );
    const cj = await getJson('-n', NS, 'cronjob', 'nightly');
    expect(cj.spec.schedule).toBe('*/5 * * * *');
    expect(cj.spec.jobTemplate.spec.template.spec.containers[0]).toMatchObject({
      image: 'busybox:1.36',
      command: ['date'],
    });
  });

  it('creates a ClusterIP service with numeric ports', async () => {
    await k.ok(
      '-n',
      NS,
      'create',
      'service',
      'clusterip',
      'web',
      '--tcp=5678:8080',
    );
    const svc = await getJson('-n', NS, 'service', 'web');
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.ports).toEqual([
      expect.objectContaining({
        name: '5678-8080',
        port: 5678,
        targetPort: 8080,
        protocol: 'TCP',
      }),
    ]);
    expect(svc.spec.selector).toEqual({ app: 'web' });
  });

  it('creates a pod disruption budget with an int-or-string', async () => {
    await k.ok(
      '-n',
      NS,
      'create',
      'poddisruptionbudget',
      'x',
      '--selector=app=x',
      '--min-available=50%',
    );
    const pdb = await getJson('-n', NS, 'pdb', 'x');
    expect(pdb.spec.minAvailable).toBe('50%');
    expect(pdb.spec.selector.matchLabels).toEqual({ app: 'x' });
  });

  it('autoscales a deployment (autoscaling/v1 HPA sent as protobuf)', async () => {
    await k.ok(
      '-n',
      NS,
      'autoscale',
      'deployment',
      'x',
      '--min=2',
      '--max=5',
      '--cpu-percent=70',
    );
    // As stored and served in autoscaling/v1, the version kubectl sent.
    const v1 = JSON.parse(
      await k.ok(
        'get',
        '--raw',
        `/apis/autoscaling/v1/namespaces/${NS}/horizontalpodautoscalers/x`,
      ),
    );
    expect(v1.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' },
      minReplicas: 2,
      maxReplicas: 5,
      targetCPUUtilizationPercentage: 70,
    });
    const v2 = await getJson('-n', NS, 'hpa', 'x');
    expect(v2.spec.metrics).toEqual([
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 70 },
        },
      },
    ]);
  });

  it('reports AlreadyExists from a protobuf Status', async () => {
    const r = await k.run(['create', 'namespace', NS]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      `Error from server (AlreadyExists): namespaces "${NS}" already exists`,
    );
  });

  it('describes the deployment through protobuf reads', async () => {
    const out = await k.ok('-n', NS, 'describe', 'deployment', 'x');
    expect(out).toMatch(/Image:\s+nginx:1\.27/);
    expect(out).toMatch(
      /Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available/,
    );
  });

  it('asks auth can-i and auth whoami with protobuf reviews', async () => {
    expect(
      (
        await k.ok('auth', 'can-i', 'create', 'deployments.apps', '-n', NS)
      ).trim(),
    ).toBe('yes');
    const who = JSON.parse(await k.ok('auth', 'whoami', '-o', 'json'));
    expect(who.kind).toBe('SelfSubjectReview');
    expect(who.status.userInfo.username).toEqual(expect.any(String));
    expect(who.status.userInfo.groups).toContain('system:authenticated');
  });
});
