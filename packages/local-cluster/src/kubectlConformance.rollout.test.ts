/**
 * kubectl conformance: rollout status, history, undo, restart, pause and
 * resume, and wait, on a Deployment with five revisions behind it (built in
 * beforeAll with the same commands the writes suite checks).
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
const NS = 'shop';

let k: KubectlSession;

const deployment = (image: string) =>
  yamlDocuments(
    namespaceYaml(NS),
    deploymentYaml({ namespace: NS, name: 'cart', image }),
  );

async function getJson(...args: string[]) {
  return JSON.parse(await k.ok('-n', NS, 'get', ...args, '-o', 'json'));
}

const rolloutStatus = () =>
  k.ok('-n', NS, 'rollout', 'status', 'deploy/cart', '--timeout=30s');

beforeAll(async () => {
  k = await startKubectlSession();
  await k.withInput(
    deployment('ghcr.io/example/cart:1.0.0'),
    'apply',
    '-f',
    '-',
  );
  await rolloutStatus();
  const revisions = [
    // 2: an env var, then the change-cause annotation the later revisions inherit.
    [
      'patch',
      'deploy',
      'cart',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"cart","env":[{"name":"MODE","value":"fast"}]}]}}}}',
    ],
    ['annotate', 'deploy', 'cart', 'kubernetes.io/change-cause=add MODE env'],
    ['set', 'image', 'deploy/cart', 'cart=ghcr.io/example/cart:1.1.0'],
    ['set', 'env', 'deploy/cart', 'LOG_LEVEL=debug'],
    ['set', 'resources', 'deploy/cart', '--limits=cpu=500m,memory=256Mi'],
  ];
  for (const args of revisions) {
    await k.ok('-n', NS, ...args);
    await rolloutStatus();
  }
});

afterAll(async () => {
  await k?.close();
});

describe('kubectl rollout and wait', () => {
  command('rollout history', async () => {
    const out = await k.ok('-n', NS, 'rollout', 'history', 'deploy/cart');
    // 1 created, 2 env MODE, 3 image 1.1.0, 4 env LOG_LEVEL, 5 resources.
    expect(out).toMatch(/^deployment.apps\/cart $/m);
    expect(out.match(/^\d+\s/gm)?.map(s => s.trim())).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    // The change-cause annotation is copied to the current ReplicaSet and every later one.
    expect(out).toMatch(/^1\s+<none>$/m);
    expect(out).toMatch(/^2\s+add MODE env$/m);
    expect(out).toMatch(/^5\s+add MODE env$/m);
    const rev1 = await k.ok(
      '-n',
      NS,
      'rollout',
      'history',
      'deploy/cart',
      '--revision=1',
    );
    expect(rev1).toMatch(/Image:\s+ghcr.io\/example\/cart:1.0.0/);
  });

  command('rollout undo', async () => {
    expect(
      await k.ok('-n', NS, 'rollout', 'undo', 'deploy/cart', '--to-revision=2'),
    ).toBe('deployment.apps/cart rolled back\n');
    expect(await rolloutStatus()).toMatch(/successfully rolled out/);
    const c = (await getJson('deploy', 'cart')).spec.template.spec
      .containers[0];
    expect(c.image).toBe('ghcr.io/example/cart:1.0.0');
    const out = await k.ok('-n', NS, 'rollout', 'history', 'deploy/cart');
    // Revision 2 became revision 6.
    expect(out.match(/^\d+\s/gm)?.map(s => s.trim())).toEqual([
      '1',
      '3',
      '4',
      '5',
      '6',
    ]);
  });

  command('rollout restart', async () => {
    const before = (await getJson('pods', '-l', 'app=cart')).items.map(
      (p: any) => p.metadata.name,
    );
    expect(await k.ok('-n', NS, 'rollout', 'restart', 'deploy/cart')).toBe(
      'deployment.apps/cart restarted\n',
    );
    expect(await rolloutStatus()).toMatch(/successfully rolled out/);
    const dep = await getJson('deploy', 'cart');
    expect(
      Date.parse(
        dep.spec.template.metadata.annotations[
          'kubectl.kubernetes.io/restartedAt'
        ],
      ),
    ).toBeGreaterThan(Date.now() - 60000);
    const after = (await getJson('pods', '-l', 'app=cart')).items.map(
      (p: any) => p.metadata.name,
    );
    expect(after).toHaveLength(2);
    expect(after.filter((n: string) => before.includes(n))).toEqual([]);
  });

  command('rollout pause', async () => {
    expect(await k.ok('-n', NS, 'rollout', 'pause', 'deploy/cart')).toBe(
      'deployment.apps/cart paused\n',
    );
    await k.ok(
      '-n',
      NS,
      'set',
      'image',
      'deploy/cart',
      'cart=ghcr.io/example/cart:2.0.0',
    );
    const status = await k.run([
      '-n',
      NS,
      'rollout',
      'status',
      'deploy/cart',
      '--timeout=1s',
    ]);
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(
      /Waiting for deployment "cart" rollout to finish: 0 out of 2 new replicas have been updated/,
    );
    const images = (await getJson('pods', '-l', 'app=cart')).items.map(
      (p: any) => p.spec.containers[0].image,
    );
    expect(images).toEqual([
      'ghcr.io/example/cart:1.0.0',
      'ghcr.io/example/cart:1.0.0',
    ]);
    const dep = await getJson('deploy', 'cart');
    expect(
      dep.status.conditions.find((c: any) => c.type === 'Progressing'),
    ).toMatchObject({
      status: 'Unknown',
      reason: 'DeploymentPaused',
    });
  });

  command('rollout resume', async () => {
    expect(await k.ok('-n', NS, 'rollout', 'resume', 'deploy/cart')).toBe(
      'deployment.apps/cart resumed\n',
    );
    expect(await rolloutStatus()).toMatch(/successfully rolled out/);
    const images = (await getJson('pods', '-l', 'app=cart')).items.map(
      (p: any) => p.spec.containers[0].image,
    );
    expect(images).toEqual([
      'ghcr.io/example/cart:2.0.0',
      'ghcr.io/example/cart:2.0.0',
    ]);
  });

  command('wait --for=condition', async () => {
    expect(
      await k.ok(
        '-n',
        NS,
        'wait',
        '--for=condition=Available',
        'deploy/cart',
        '--timeout=30s',
      ),
    ).toBe('deployment.apps/cart condition met\n');
    const timeout = await k.run([
      '-n',
      NS,
      'wait',
      '--for=condition=Frozen',
      'deploy/cart',
      '--timeout=1s',
    ]);
    expect(timeout.code).toBe(1);
    expect(timeout.stderr).toMatch(
      /timed out waiting for the condition on deployments\/cart/,
    );
  });
});

describe('kubectl rollout for StatefulSets', () => {
  command('rollout history and undo statefulset', async () => {
    const sts = `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: ${NS}}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: 'postgres:16'}]}
`;
    await k.withInput(sts, 'apply', '-f', '-');
    const status = () =>
      k.ok('-n', NS, 'rollout', 'status', 'sts/db', '--timeout=30s');
    // The real server defaults rollingUpdate.partition to 0, hence "partitioned". On a loaded
    // machine kubectl may first print that it waits for the pods; the last line is the verdict.
    expect(await status()).toMatch(
      /(^|\n)partitioned roll out complete: 2 new pods have been updated\.\.\.\n$/,
    );
    await k.ok('-n', NS, 'set', 'image', 'sts/db', 'db=postgres:17');
    await status();
    const revisions = (out: string) =>
      out.match(/^\d+\s/gm)?.map(r => r.trim());
    expect(
      revisions(await k.ok('-n', NS, 'rollout', 'history', 'sts/db')),
    ).toEqual(['1', '2']);
    expect(
      await k.ok('-n', NS, 'rollout', 'history', 'sts/db', '--revision=1'),
    ).toMatch(/Image:\s+postgres:16/);
    expect(await k.ok('-n', NS, 'rollout', 'undo', 'sts/db')).toBe(
      'statefulset.apps/db rolled back\n',
    );
    await status();
    const pods = JSON.parse(
      await k.ok('-n', NS, 'get', 'pods', '-l', 'app=db', '-o', 'json'),
    );
    expect(pods.items.map((p: any) => p.spec.containers[0].image)).toEqual([
      'postgres:16',
      'postgres:16',
    ]);
    expect(
      revisions(await k.ok('-n', NS, 'rollout', 'history', 'sts/db')),
    ).toEqual(['2', '3']);
  });
});
