/**
 * End-to-end checks with the real kubectl binary. A missing kubectl is a
 * failure, not a skip: these tests are the proof that the wire protocol works.
 */
import { ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCluster } from './index';
import { startTestCluster } from './testing/harness';

jest.setTimeout(90000);

const DEMO_DIR = path.resolve(__dirname, '../../../deploy/demo-cluster');

let cluster: LocalCluster;
let tmp: string;
let env: NodeJS.ProcessEnv;

function kubectlAvailable(): string | undefined {
  const r = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : undefined;
}

function kubectl(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'kubectl',
      args,
      { env, timeout: 70000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          reject(
            new Error(
              `kubectl ${args.join(' ')} failed (exit ${
                (err as any).code
              }):\n${stderr}\n${stdout}`,
            ),
          );
        } else {
          resolve(stdout);
        }
      },
    );
  });
}

/** Spawns a long-running kubectl and resolves once a stdout line matches. */
function waitForLine(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs = 20000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `no line matching ${pattern} within ${timeoutMs}ms; got:\n${buffer}\n${stderr}`,
          ),
        ),
      timeoutMs,
    );
    child.stderr!.on('data', d => (stderr += d));
    child.stdout!.on('data', d => {
      buffer += d;
      const line = buffer.split('\n').find(l => pattern.test(l));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.on('exit', code => {
      clearTimeout(timer);
      reject(
        new Error(
          `kubectl exited with ${code} before printing ${pattern}:\n${buffer}\n${stderr}`,
        ),
      );
    });
  });
}

beforeAll(async () => {
  if (!kubectlAvailable()) {
    throw new Error(
      'kubectl is not installed or not on PATH. Install it (apt-get install -y kubectl, or kubernetes-client) to run these tests.',
    );
  }
  cluster = await startTestCluster({ readinessDelayMs: 100 });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'local-cluster-kubectl-'));
  writeFileSync(path.join(tmp, 'kubeconfig'), cluster.kubeconfig(), {
    mode: 0o600,
  });
  env = {
    PATH: process.env.PATH,
    HOME: tmp,
    KUBECONFIG: path.join(tmp, 'kubeconfig'),
    KUBECACHEDIR: path.join(tmp, 'cache'),
  };
});

afterAll(async () => {
  await cluster?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('kubectl against the local cluster', () => {
  it('is installed', () => {
    expect(kubectlAvailable()).toMatch(/Client Version/);
  });

  it('reports the server version', async () => {
    const out = JSON.parse(await kubectl('version', '-o', 'json'));
    expect(out.serverVersion.gitVersion).toMatch(/^v1\.32\./);
  });

  it('applies the demo manifests with default (strict) validation', async () => {
    const out = await kubectl('apply', '-f', DEMO_DIR);
    expect(out).toMatch(/namespace\/payments created/);
    expect(out).toMatch(/deployment.apps\/payment-service created/);
    expect(out).toMatch(
      /horizontalpodautoscaler.autoscaling\/payment-service created/,
    );
    expect(out).toMatch(/poddisruptionbudget.policy\/payment-service created/);
    const again = await kubectl('apply', '-f', DEMO_DIR);
    expect(again).toMatch(/deployment.apps\/payment-service unchanged/);
  });

  it('waits for rollout and lists pods by the Backstage label as JSON', async () => {
    await kubectl(
      '-n',
      'payments',
      'rollout',
      'status',
      'deployment/payment-service',
      '--timeout=60s',
    );
    const list = JSON.parse(
      await kubectl(
        'get',
        'pods',
        '-n',
        'payments',
        '-l',
        'backstage.io/kubernetes-id=payment-service',
        '-o',
        'json',
      ),
    );
    expect(list.kind).toBe('List');
    expect(list.items).toHaveLength(3);
    for (const pod of list.items) {
      expect(pod.metadata.labels['backstage.io/kubernetes-id']).toBe(
        'payment-service',
      );
      expect(pod.status.phase).toBe('Running');
    }
  });

  it('prints server-side tables, including across namespaces', async () => {
    const out = await kubectl('get', 'deployments', '-A', '-o', 'wide');
    expect(out.split('\n')[0]).toMatch(
      /^NAMESPACE\s+NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR/,
    );
    expect(out).toMatch(/payments\s+payment-service\s+3\/3/);
    const pods = await kubectl('get', 'po', '-n', 'notifications');
    expect(pods.split('\n')[0]).toMatch(
      /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/,
    );
  });

  it('sets an image and follows the rollout to completion', async () => {
    await kubectl(
      '-n',
      'payments',
      'set',
      'image',
      'deployment/payment-service',
      'payment-service=ghcr.io/example/payment-service:1.15.0',
    );
    const out = await kubectl(
      '-n',
      'payments',
      'rollout',
      'status',
      'deployment/payment-service',
      '--timeout=60s',
    );
    expect(out).toMatch(/successfully rolled out/);
    const dep = JSON.parse(
      await kubectl(
        '-n',
        'payments',
        'get',
        'deploy',
        'payment-service',
        '-o',
        'json',
      ),
    );
    expect(dep.spec.template.spec.containers[0].image).toBe(
      'ghcr.io/example/payment-service:1.15.0',
    );
    // set image must have merged, not replaced, the container.
    expect(dep.spec.template.spec.containers[0].readinessProbe).toBeDefined();
    const rs = JSON.parse(
      await kubectl(
        '-n',
        'payments',
        'get',
        'rs',
        '-l',
        'backstage.io/kubernetes-id=payment-service',
        '-o',
        'json',
      ),
    );
    expect(rs.items.map((r: any) => r.spec.replicas).sort()).toEqual([0, 3]);
  });

  it('rolls back with rollout undo by re-using the earlier ReplicaSet', async () => {
    const undo = await kubectl(
      '-n',
      'payments',
      'rollout',
      'undo',
      'deployment/payment-service',
    );
    expect(undo).toMatch(/rolled back/);
    await kubectl(
      '-n',
      'payments',
      'rollout',
      'status',
      'deployment/payment-service',
      '--timeout=60s',
    );
    const rs = JSON.parse(
      await kubectl(
        '-n',
        'payments',
        'get',
        'rs',
        '-l',
        'backstage.io/kubernetes-id=payment-service',
        '-o',
        'json',
      ),
    );
    // Still two ReplicaSets: the first one is revision 3 now, and remembers it was 1.
    expect(
      rs.items
        .map((r: any) => [
          r.spec.template.spec.containers[0].image,
          r.metadata.annotations['deployment.kubernetes.io/revision'],
          r.metadata.annotations['deployment.kubernetes.io/revision-history'],
          r.spec.replicas,
        ])
        .sort(),
    ).toEqual([
      ['ghcr.io/example/payment-service:1.14.2', '3', '1', 3],
      ['ghcr.io/example/payment-service:1.15.0', '2', undefined, 0],
    ]);
    const history = await kubectl(
      '-n',
      'payments',
      'rollout',
      'history',
      'deployment/payment-service',
    );
    expect(history).toMatch(/^2\s/m);
    expect(history).toMatch(/^3\s/m);
  });

  it('scales a deployment', async () => {
    await kubectl(
      '-n',
      'orders',
      'scale',
      'deployment/order-service',
      '--replicas=3',
    );
    await kubectl(
      '-n',
      'orders',
      'rollout',
      'status',
      'deployment/order-service',
      '--timeout=60s',
    );
    const pods = JSON.parse(
      await kubectl(
        '-n',
        'orders',
        'get',
        'pods',
        '-l',
        'backstage.io/kubernetes-id=order-service',
        '-o',
        'json',
      ),
    );
    expect(pods.items).toHaveLength(3);
  });

  it('shows the crash-looping service and its BackOff events', async () => {
    const pods = JSON.parse(
      await kubectl('-n', 'notifications', 'get', 'pods', '-o', 'json'),
    );
    expect(pods.items.length).toBeGreaterThan(0);
    for (const p of pods.items) {
      expect(p.status.containerStatuses[0].state.waiting.reason).toBe(
        'CrashLoopBackOff',
      );
    }
    const events = await kubectl(
      '-n',
      'notifications',
      'get',
      'events',
      '--field-selector',
      'reason=BackOff',
    );
    expect(events).toMatch(/Warning\s+BackOff\s+pod\/notification-service-/);
  });

  it('watches pods and sees events as they happen', async () => {
    const child = spawn(
      'kubectl',
      ['-n', 'orders', 'get', 'pods', '--watch', '--output-watch-events'],
      { env },
    );
    try {
      await waitForLine(child, /^ADDED\s+order-service-/);
      const deleted = waitForLine(child, /^DELETED\s+order-service-/);
      await kubectl('-n', 'orders', 'delete', 'deployment', 'order-service');
      expect(await deleted).toMatch(/order-service/);
    } finally {
      child.kill();
    }
  });

  it('deletes objects and cascades to owned pods', async () => {
    await kubectl('delete', '-f', path.join(DEMO_DIR, '50-user-service.yaml'));
    const pods = JSON.parse(
      await kubectl('-n', 'identity', 'get', 'pods', '-o', 'json'),
    );
    expect(pods.items).toHaveLength(0);
    const out = await kubectl('-n', 'identity', 'get', 'deploy,svc,hpa,pdb');
    expect(out.trim()).toBe('');
  });

  it('reports NotFound from the server like a real cluster', async () => {
    await expect(
      kubectl('-n', 'payments', 'get', 'deployment', 'nope'),
    ).rejects.toThrow(
      /Error from server \(NotFound\): deployments.apps "nope" not found/,
    );
  });
});
