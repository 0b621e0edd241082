/**
 * kubectl conformance: `create` for the built-in types, `run` and `expose`,
 * each checked against what a real v1.32 API server answers. kubectl sends
 * these bodies as protobuf.
 */
import {
  KubectlSession,
  conformance,
  startKubectlSession,
} from './testing/kubectl';
import { PENDING_KUBECTL_COMMANDS } from './testing/kubectlPending';
import {
  deploymentYaml,
  namespaceYaml,
  yamlDocuments,
} from './testing/manifests';

jest.setTimeout(60000);

const command = conformance(PENDING_KUBECTL_COMMANDS, it);
const NS = 'conf';

let k: KubectlSession;

// Fixtures go in with `apply` (JSON bodies), so every `create` below is tested on its own.
const FIXTURES = yamlDocuments(
  namespaceYaml(NS),
  deploymentYaml({
    namespace: NS,
    name: 'api',
    image: 'ghcr.io/example/api:1.0.0',
  }),
);

beforeAll(async () => {
  k = await startKubectlSession();
  await k.withInput(FIXTURES, 'apply', '-f', '-');
  await k.ok('-n', NS, 'rollout', 'status', 'deploy/api', '--timeout=30s');
});

afterAll(async () => {
  await k?.close();
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
