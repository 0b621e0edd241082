/**
 * The workloads behind the generated catalog: one Deployment per Component with a
 * `backstage.io/kubernetes-id`, in its owning team's namespace, labelled the way the kubernetes
 * plugin selects them (`backstage.io/kubernetes-id=<id>` on the Deployment and its pod template).
 * The local cluster loads them from a manifests folder at start and its controller creates the
 * ReplicaSets and Pods.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { started } from './apps';
import { CatalogOptions, generateCatalog } from './catalog';
import { treeCpuSeconds } from './procfs';

interface ComponentDoc {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec: { owner?: string };
}

const PER_FILE = 500;

function deployment(id: string, namespace: string) {
  const labels = {
    'app.kubernetes.io/name': id,
    'backstage.io/kubernetes-id': id,
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: id, namespace, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': id } },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: id,
              image: `ghcr.io/example/${id}:1.0.0`,
              resources: {
                requests: { cpu: '50m', memory: '64Mi' },
                limits: { cpu: '250m', memory: '256Mi' },
              },
            },
          ],
        },
      },
    },
  };
}

/** Writes namespaces and Deployments into `dir` (emptied first); returns the Deployment count. */
export function writeWorkloadManifests(
  dir: string,
  opts: CatalogOptions,
): number {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const namespaces = new Set<string>();
  const docs: object[] = [];
  for (const e of generateCatalog(opts) as ComponentDoc[]) {
    const id = e.metadata.annotations?.['backstage.io/kubernetes-id'];
    if (e.kind !== 'Component' || !id) continue;
    const namespace = (e.spec.owner ?? 'group:default/bench').split('/')[1];
    namespaces.add(namespace);
    docs.push(deployment(id, namespace));
  }
  const write = (name: string, items: object[]) =>
    fs.writeFileSync(
      path.join(dir, name),
      items.map(i => JSON.stringify(i)).join('\n---\n'),
    );
  write(
    '00-namespaces.yaml',
    [...namespaces].map(name => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    })),
  );
  for (let i = 0; i < docs.length; i += PER_FILE) {
    const n = String(i / PER_FILE).padStart(3, '0');
    write(`10-deployments-${n}.yaml`, docs.slice(i, i + PER_FILE));
  }
  return docs.length;
}

export interface ClusterProcess {
  url: string;
  token: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the local cluster as a process of its own, so its work (answering the apps' list and
 * watch calls) does not share the bench's event loop and shows in the machine's CPU, not in the
 * backend's.
 */
export async function startClusterProcess(options: {
  repoRoot: string;
  manifestsDir: string;
  port: number;
  logFile: string;
}): Promise<ClusterProcess> {
  const token = 'scale-bench-cluster-token';
  const log = fs.openSync(options.logFile, 'w');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      'src/main.ts',
      '--port',
      String(options.port),
      '--manifests',
      options.manifestsDir,
    ],
    {
      cwd: path.join(options.repoRoot, 'packages/local-cluster'),
      env: {
        ...process.env,
        LOCAL_CLUSTER_TOKEN: token,
        LOCAL_CLUSTER_READINESS_DELAY_MS: '200',
      },
      stdio: ['ignore', log, log],
    },
  );
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `local cluster exited: ${fs.readFileSync(options.logFile, 'utf8')}`,
      );
    }
    if (fs.readFileSync(options.logFile, 'utf8').includes('listening on')) {
      break;
    }
    if (Date.now() > deadline) throw new Error('local cluster did not start');
    await new Promise(r => setTimeout(r, 500));
  }
  const cluster: ClusterProcess = {
    url: `http://127.0.0.1:${options.port}`,
    token,
    pid: child.pid!,
    async stop() {
      started.delete(cluster);
      if (child.exitCode !== null) return;
      const exited = new Promise(r => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      fs.closeSync(log);
    },
  };
  started.add(cluster);
  return cluster;
}

/**
 * Waits until the controller has every Deployment's pod Running. On a loaded machine the
 * controller can lag; after the timeout the bench goes on with what runs (both apps then see the
 * same cluster) and says so. Polls slowly: a list of 5,000 pods is ~10 MB.
 */
export async function waitForRunningPods(
  c: ClusterProcess,
  expected: number,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(
      `${c.url}/api/v1/pods?labelSelector=backstage.io/kubernetes-id`,
      { headers: { authorization: `Bearer ${c.token}` } },
    );
    const body = (await res.json()) as {
      items?: { status?: { phase?: string } }[];
    };
    const running = (body.items ?? []).filter(
      p => p.status?.phase === 'Running',
    ).length;
    if (running >= expected || Date.now() > deadline) return running;
    await new Promise(r => setTimeout(r, 10_000));
  }
}

/**
 * Waits until the cluster is at rest: every Deployment rolled out (its status reports the
 * generation it was given and all its replicas available) and the stand-in's process then used
 * under a tenth of a core for 10 s. Pods run well before the controller has written every
 * ReplicaSet's and Deployment's status; an app started then would share the machine with that
 * work, and only the app started first would. Returns the seconds waited, and whether it settled.
 */
export async function waitForSettledCluster(
  c: ClusterProcess,
  timeoutMs: number,
): Promise<{ seconds: number; settled: boolean; rolledOut: number }> {
  const since = Date.now();
  const deadline = since + timeoutMs;
  let rolledOut = 0;
  for (;;) {
    const res = await fetch(`${c.url}/apis/apps/v1/deployments`, {
      headers: { authorization: `Bearer ${c.token}` },
    });
    const body = (await res.json()) as {
      items?: {
        metadata: { generation?: number };
        spec?: { replicas?: number };
        status?: { observedGeneration?: number; availableReplicas?: number };
      }[];
    };
    const items = body.items ?? [];
    rolledOut = items.filter(
      d =>
        (d.status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 1) &&
        (d.status?.availableReplicas ?? 0) >= (d.spec?.replicas ?? 1),
    ).length;
    if (rolledOut === items.length) {
      const before = treeCpuSeconds(c.pid);
      await new Promise(r => setTimeout(r, 10_000));
      if (treeCpuSeconds(c.pid) - before < 1) {
        return {
          seconds: (Date.now() - since) / 1000,
          settled: true,
          rolledOut,
        };
      }
    } else {
      await new Promise(r => setTimeout(r, 5_000));
    }
    if (Date.now() > deadline) {
      return {
        seconds: (Date.now() - since) / 1000,
        settled: false,
        rolledOut,
      };
    }
  }
}
