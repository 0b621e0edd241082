/**
 * kubectl conformance, the entry point: discovery (api-versions,
 * api-resources, explain), `auth can-i`, `delete` with and without a
 * server-side dry run, and cordon/drain/uncordon, each checked against what a
 * real v1.32 API server answers. The other kubectlConformance.*.test.ts files
 * cover create, writes, rollouts and reads; the package README lists them all.
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

const FIXTURES = yamlDocuments(
  namespaceYaml(NS),
  namespaceYaml('keep'),
  `apiVersion: v1
kind: ConfigMap
metadata: {name: precious, namespace: keep}
data: {owner: payments}
`,
  deploymentYaml({
    namespace: NS,
    name: 'api',
    image: 'ghcr.io/example/api:1.0.0',
  }),
  deploymentYaml({
    namespace: NS,
    name: 'old',
    image: 'ghcr.io/example/old:1.0.0',
  }),
  `apiVersion: v1
kind: Pod
metadata: {name: probe, namespace: ${NS}}
spec:
  containers: [{name: probe, image: 'busybox:1.36'}]
`,
);

beforeAll(async () => {
  k = await startKubectlSession();
  await k.withInput(FIXTURES, 'apply', '-f', '-');
  for (const name of ['api', 'old'])
    await k.ok(
      '-n',
      NS,
      'rollout',
      'status',
      `deploy/${name}`,
      '--timeout=30s',
    );
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

describe('kubectl auth and delete', () => {
  command('auth can-i', async () => {
    expect(await k.ok('auth', 'can-i', 'create', 'deployments', '-n', NS)).toBe(
      'yes\n',
    );
    expect(await k.ok('auth', 'can-i', '*', '*')).toBe('yes\n');
    expect(await k.ok('auth', 'whoami')).toMatch(
      /^ATTRIBUTE\s+VALUE\nUsername\s+\S+\nGroups\s+\[system:masters system:authenticated\]\n$/,
    );
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
    expect(await k.ok('-n', NS, 'delete', 'deployment', 'old')).toBe(
      'deployment.apps "old" deleted\n',
    );
    await k.ok(
      '-n',
      NS,
      'wait',
      '--for=delete',
      'pod',
      '-l',
      'app=old',
      '--timeout=30s',
    );
    const missing = await k.run(['-n', NS, 'get', 'deployment', 'old']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /Error from server \(NotFound\): deployments.apps "old" not found/,
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
    // A bare pod would be lost for good: drain refuses without --force.
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
      /evicting pod conf\/api-/,
    );
    expect(drained.stdout).toMatch(/^node\/local-node drained$/m);
    // The Deployment's replacement pods wait for a schedulable node.
    const pods = JSON.parse(
      await k.ok('-n', NS, 'get', 'pods', '-l', 'app=api', '-o', 'json'),
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
      await k.ok('-n', NS, 'rollout', 'status', 'deploy/api', '--timeout=30s'),
    ).toMatch(/successfully rolled out/);
  });
});
