/**
 * kubectl conformance, part 1: discovery, `create` for the built-in types,
 * `run`, `expose`, `auth can-i` and `delete` (with and without a server-side
 * dry run), each checked against what a real v1.32 API server answers.
 * Parts 2 and 3 (kubectlConformance.*.test.ts) cover writes and reads.
 */
import {
  KubectlSession,
  conformance,
  startKubectlSession,
} from './testing/kubectl';
import { PENDING_KUBECTL_COMMANDS } from './testing/kubectlPending';

jest.setTimeout(60000);

const command = conformance(PENDING_KUBECTL_COMMANDS, it);
const NS = 'conf';

let k: KubectlSession;

// Fixtures go in with `apply` (JSON bodies), so every `create` below is tested on its own.
const FIXTURES = `
apiVersion: v1
kind: Namespace
metadata: {name: ${NS}}
---
apiVersion: v1
kind: Namespace
metadata: {name: keep}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: precious, namespace: keep}
data: {owner: payments}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: ${NS}, labels: {app: api}}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: api
          image: ghcr.io/example/api:1.0.0
          ports: [{containerPort: 8080}]
`;

beforeAll(async () => {
  k = await startKubectlSession();
  await k.withInput(FIXTURES, 'apply', '-f', '-');
  await k.ok('-n', NS, 'rollout', 'status', 'deploy/api', '--timeout=30s');
});

afterAll(async () => {
  await k?.close();
});

describe('kubectl discovery', () => {
  command('api-versions', async () => {
    const out = (await k.ok('api-versions')).trim().split('\n');
    for (const gv of [
      'apps/v1',
      'autoscaling/v1',
      'autoscaling/v2',
      'batch/v1',
      'metrics.k8s.io/v1beta1',
      'policy/v1',
      'v1',
    ]) {
      expect(out).toContain(gv);
    }
    expect([...out].sort()).toEqual(out);
  });

  command('api-resources', async () => {
    const out = await k.ok('api-resources');
    expect(out.split('\n')[0]).toMatch(
      /^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND$/,
    );
    expect(out).toMatch(
      /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m,
    );
    expect(out).toMatch(/^namespaces\s+ns\s+v1\s+false\s+Namespace$/m);
    const cluster = await k.ok(
      'api-resources',
      '--namespaced=false',
      '-o',
      'name',
    );
    expect(cluster.split('\n')).toEqual(
      expect.arrayContaining(['namespaces', 'nodes']),
    );
    expect(cluster).not.toMatch(/^pods$/m);
  });

  command('explain deployment.spec.replicas', async () => {
    const out = await k.ok('explain', 'deployment.spec.replicas');
    expect(out).toMatch(/^GROUP:\s+apps$/m);
    expect(out).toMatch(/^KIND:\s+Deployment$/m);
    expect(out).toMatch(/^VERSION:\s+v1$/m);
    expect(out).toMatch(/^FIELD: replicas <integer>$/m);
    expect(out).toMatch(/Number of desired pods/);
  });

  command('explain pod.spec.containers', async () => {
    const out = await k.ok('explain', 'pod.spec.containers');
    expect(out).toMatch(/^FIELD: containers <\[\]Container>$/m);
    expect(out).toMatch(/^\s+image\s+<string>$/m);
    expect(out).toMatch(/^\s+name\s+<string> -required-$/m);
  });
});

describe('kubectl create', () => {
  command('create namespace', async () => {
    expect(await k.ok('create', 'namespace', 'holdout')).toBe(
      'namespace/holdout created\n',
    );
    const ns = JSON.parse(await k.ok('get', 'ns', 'holdout', '-o', 'json'));
    expect(ns.status.phase).toBe('Active');
  });

  command('create deployment', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'create',
        'deployment',
        'web',
        '--image=nginx:1.27',
        '--replicas=2',
      ),
    ).toBe('deployment.apps/web created\n');
    expect(
      await k.ok('-n', NS, 'rollout', 'status', 'deploy/web', '--timeout=30s'),
    ).toMatch(/deployment "web" successfully rolled out/);
  });

  command('create configmap', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'create',
        'configmap',
        'settings',
        '--from-literal=color=blue',
      ),
    ).toBe('configmap/settings created\n');
    expect(
      await k.ok(
        '-n',
        NS,
        'get',
        'cm',
        'settings',
        '-o',
        'jsonpath={.data.color}',
      ),
    ).toBe('blue');
  });

  command('create secret generic', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'create',
        'secret',
        'generic',
        'db',
        '--from-literal=password=s3cr3t',
      ),
    ).toBe('secret/db created\n');
    const secret = JSON.parse(
      await k.ok('-n', NS, 'get', 'secret', 'db', '-o', 'json'),
    );
    expect(secret.type).toBe('Opaque');
    expect(Buffer.from(secret.data.password, 'base64').toString()).toBe(
      's3cr3t',
    );
  });

  command('create serviceaccount', async () => {
    expect(await k.ok('-n', NS, 'create', 'serviceaccount', 'deployer')).toBe(
      'serviceaccount/deployer created\n',
    );
    expect(await k.ok('-n', NS, 'get', 'sa')).toMatch(/^deployer\s/m);
  });

  command('create service clusterip', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'create',
        'service',
        'clusterip',
        'frontend',
        '--tcp=80:8080',
      ),
    ).toBe('service/frontend created\n');
    const svc = JSON.parse(
      await k.ok('-n', NS, 'get', 'svc', 'frontend', '-o', 'json'),
    );
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.clusterIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(svc.spec.ports[0]).toMatchObject({
      port: 80,
      targetPort: 8080,
      protocol: 'TCP',
    });
  });

  command('create job', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'create',
        'job',
        'once',
        '--image=busybox:1.36',
        '--',
        'echo',
        'hi',
      ),
    ).toBe('job.batch/once created\n');
    expect(
      await k.ok(
        '-n',
        NS,
        'wait',
        '--for=condition=complete',
        'job/once',
        '--timeout=30s',
      ),
    ).toBe('job.batch/once condition met\n');
  });

  command('create cronjob', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'create',
        'cronjob',
        'nightly',
        '--image=busybox:1.36',
        '--schedule=0 3 * * *',
      ),
    ).toBe('cronjob.batch/nightly created\n');
    expect(await k.ok('-n', NS, 'get', 'cj', 'nightly')).toMatch(
      /^nightly\s+0 3 \* \* \*/m,
    );
  });

  command('create role', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'create',
        'role',
        'pod-reader',
        '--verb=get,list',
        '--resource=pods',
      ),
    ).toBe('role.rbac.authorization.k8s.io/pod-reader created\n');
    const role = JSON.parse(
      await k.ok('-n', NS, 'get', 'role', 'pod-reader', '-o', 'json'),
    );
    expect(role.rules).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
    ]);
  });

  command('create rolebinding', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'create',
        'rolebinding',
        'read-pods',
        '--role=pod-reader',
        `--serviceaccount=${NS}:deployer`,
      ),
    ).toBe('rolebinding.rbac.authorization.k8s.io/read-pods created\n');
  });

  command('create clusterrole', async () => {
    expect(
      await k.ok(
        'create',
        'clusterrole',
        'node-reader',
        '--verb=get,list',
        '--resource=nodes',
      ),
    ).toBe('clusterrole.rbac.authorization.k8s.io/node-reader created\n');
  });

  command('create clusterrolebinding', async () => {
    expect(
      await k.ok(
        'create',
        'clusterrolebinding',
        'read-nodes',
        '--clusterrole=node-reader',
        '--user=alice',
      ),
    ).toBe('clusterrolebinding.rbac.authorization.k8s.io/read-nodes created\n');
  });

  command('create poddisruptionbudget', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'create',
        'pdb',
        'api',
        '--selector=app=api',
        '--min-available=1',
      ),
    ).toBe('poddisruptionbudget.policy/api created\n');
    expect(await k.ok('-n', NS, 'get', 'pdb', 'api')).toMatch(
      /^api\s+1\s+N\/A\s/m,
    );
  });

  command('run', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'run',
        'probe',
        '--image=busybox:1.36',
        '--labels=app=probe',
      ),
    ).toBe('pod/probe created\n');
    expect(
      await k.ok(
        '-n',
        NS,
        'wait',
        '--for=condition=Ready',
        'pod/probe',
        '--timeout=30s',
      ),
    ).toBe('pod/probe condition met\n');
  });

  command('expose', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'expose',
        'deployment',
        'api',
        '--port=80',
        '--target-port=8080',
      ),
    ).toBe('service/api exposed\n');
    const svc = JSON.parse(
      await k.ok('-n', NS, 'get', 'svc', 'api', '-o', 'json'),
    );
    expect(svc.spec.selector).toEqual({ app: 'api' });
    expect(svc.spec.ports[0]).toMatchObject({ port: 80, targetPort: 8080 });
  });
});

describe('kubectl auth and delete', () => {
  command('auth can-i', async () => {
    expect(await k.ok('auth', 'can-i', 'create', 'deployments', '-n', NS)).toBe(
      'yes\n',
    );
    expect(await k.ok('auth', 'can-i', '*', '*')).toBe('yes\n');
  });

  command('delete --dry-run=server', async () => {
    expect(
      await k.ok(
        '-n',
        'keep',
        'delete',
        'configmap',
        'precious',
        '--dry-run=server',
      ),
    ).toBe('configmap "precious" deleted (server dry run)\n');
    expect(await k.ok('delete', 'namespace', 'keep', '--dry-run=server')).toBe(
      'namespace "keep" deleted (server dry run)\n',
    );
    // Nothing may be gone: the namespace and what is in it are still there.
    expect(
      await k.ok('get', 'ns', 'keep', '-o', 'jsonpath={.status.phase}'),
    ).toBe('Active');
    expect(
      await k.ok(
        '-n',
        'keep',
        'get',
        'cm',
        'precious',
        '-o',
        'jsonpath={.data.owner}',
      ),
    ).toBe('payments');
  });

  command('delete', async () => {
    expect(await k.ok('-n', NS, 'delete', 'deployment', 'api')).toBe(
      'deployment.apps "api" deleted\n',
    );
    await k.ok(
      '-n',
      NS,
      'wait',
      '--for=delete',
      'pod',
      '-l',
      'app=api',
      '--timeout=30s',
    );
    const missing = await k.run(['-n', NS, 'get', 'deployment', 'api']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /Error from server \(NotFound\): deployments.apps "api" not found/,
    );
  });
});

describe('kubectl cordon, drain, uncordon', () => {
  command('drain', async () => {
    expect(await k.ok('cordon', 'local-node')).toBe(
      'node/local-node cordoned\n',
    );
    expect(await k.ok('get', 'nodes')).toMatch(
      /^local-node\s+Ready,SchedulingDisabled\s/m,
    );
    // A bare pod (from `kubectl run`) would be lost: drain refuses without --force.
    const refused = await k.run([
      'drain',
      'local-node',
      '--ignore-daemonsets',
      '--timeout=20s',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /cannot delete Pods that declare no controller \(use --force to override\): conf\/probe/,
    );
    const drained = await k.run([
      'drain',
      'local-node',
      '--ignore-daemonsets',
      '--force',
      '--timeout=30s',
    ]);
    expect(drained.code).toBe(0);
    expect(`${drained.stdout}${drained.stderr}`).toMatch(
      /evicting pod conf\/web-/,
    );
    expect(drained.stdout).toMatch(/^node\/local-node drained$/m);
    // The Deployment's replacement pods wait for a schedulable node.
    const pods = JSON.parse(
      await k.ok('-n', NS, 'get', 'pods', '-l', 'app=web', '-o', 'json'),
    );
    expect(pods.items).toHaveLength(2);
    for (const pod of pods.items) {
      expect(pod.status.phase).toBe('Pending');
      expect(pod.status.conditions).toContainEqual(
        expect.objectContaining({
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
        }),
      );
    }
    expect(await k.ok('uncordon', 'local-node')).toBe(
      'node/local-node uncordoned\n',
    );
    expect(
      await k.ok('-n', NS, 'rollout', 'status', 'deploy/web', '--timeout=30s'),
    ).toMatch(/successfully rolled out/);
  });
});
