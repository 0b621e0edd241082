import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createKubernetesApplyAction } from '../actions/kubernetesApply';
import { KubernetesApplier, readClusterTargets } from './KubernetesApplier';

// TLS against the real local cluster (packages/local-cluster): it answers HTTPS on its port with a
// self-signed certificate generated at start and writes that certificate into its kubeconfig as
// certificate-authority-data, the same base64 PEM that `caData` holds. It runs as its own
// process, from its source, because it is not a dependency of this module.

const mainTs = path.resolve(
  __dirname,
  '../../../../packages/local-cluster/src/main.ts',
);
const token = 'gp-tls-test-token';

interface RunningCluster {
  child: ChildProcess;
  url: string;
  httpsUrl: string;
  caData: string;
}

async function startLocalCluster(dir: string): Promise<RunningCluster> {
  const kubeconfig = path.join(dir, 'kubeconfig');
  const manifests = path.join(dir, 'manifests');
  fs.mkdirSync(manifests);
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      mainTs,
      '--port',
      '0',
      '--kubeconfig',
      kubeconfig,
    ],
    {
      env: {
        ...process.env,
        LOCAL_CLUSTER_TOKEN: token,
        LOCAL_CLUSTER_MANIFESTS: manifests,
        LOCAL_CLUSTER_READINESS_DELAY_MS: '50',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const urls = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`local cluster did not start:\n${output}`)),
      60_000,
    );
    const onData = (d: Buffer) => {
      output += d;
      const match = output.match(
        /listening on (http:\/\/\S+) and (https:\/\/\S+)[\s\S]*kubeconfig written/,
      );
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`local cluster exited with ${code}:\n${output}`));
    });
  });
  const caData = fs
    .readFileSync(kubeconfig, 'utf8')
    .match(/certificate-authority-data: (\S+)/)![1];
  return { child, url: urls[1], httpsUrl: urls[2], caData };
}

// The first request loads @kubernetes/client-node, which Jest's VM takes seconds to transform
// when its cache is cold.
jest.setTimeout(30_000);

describe('KubernetesApplier TLS against the local cluster', () => {
  let dir: string;
  let cluster: RunningCluster;
  let workspace: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-tls-'));
    cluster = await startLocalCluster(dir);
  }, 90_000);
  afterAll(async () => {
    if (cluster?.child.exitCode === null) {
      const exited = new Promise(r => cluster.child.once('exit', r));
      cluster.child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    workspace = fs.mkdtempSync(path.join(dir, 'ws-'));
    fs.writeFileSync(
      path.join(workspace, 'app.yaml'),
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: tls-api
spec:
  replicas: 1
  selector: { matchLabels: { app: tls-api } }
  template:
    metadata: { labels: { app: tls-api } }
    spec:
      containers:
        - name: app
          image: registry.example.com/tls-api:1.0.0
`,
    );
  });

  /** The kubernetes plugin's config with one HTTPS cluster, as app-config.yaml declares them. */
  function configWith(tls: Record<string, unknown>) {
    return new ConfigReader({
      goldenPaths: { kubernetes: { useKubernetesPluginClusters: true } },
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'local-tls',
                url: cluster.httpsUrl,
                authProvider: 'serviceAccount',
                serviceAccountToken: token,
                ...tls,
              },
            ],
          },
        ],
      },
    });
  }

  async function applyWith(tls: Record<string, unknown>, namespace: string) {
    const config = configWith(tls);
    const ctx = createMockActionContext({
      workspacePath: workspace,
      input: { manifestPath: 'app.yaml', namespace, timeoutSeconds: 60 },
    });
    await createKubernetesApplyAction({
      applierFor: name => KubernetesApplier.forCluster(config, name),
      createNamespaces: true,
    }).handler(ctx);
    return ctx;
  }

  /** Reads back over the plain-HTTP endpoint, independently of the applier. */
  async function deployment(namespace: string) {
    const res = await fetch(
      `${cluster.url}/apis/apps/v1/namespaces/${namespace}/deployments/tls-api`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    return res.ok ? res.json() : undefined;
  }

  it('reads caData, caFile and skipTLSVerify from the cluster config', () => {
    expect(
      readClusterTargets(
        configWith({ caData: 'Q0E=', caFile: '/ca.pem', skipTLSVerify: true }),
      ),
    ).toEqual([
      {
        name: 'local-tls',
        url: cluster.httpsUrl,
        token,
        caData: 'Q0E=',
        caFile: '/ca.pem',
        skipTLSVerify: true,
      },
    ]);
  });

  it('applies and waits for the rollout over HTTPS when caData trusts the certificate', async () => {
    const ctx = await applyWith({ caData: cluster.caData }, 'tls-ca-data');
    expect(ctx.output).toHaveBeenCalledWith('cluster', 'local-tls');
    expect((await deployment('tls-ca-data'))?.status.availableReplicas).toBe(1);
  });

  it('trusts the certificate from caFile', async () => {
    const caFile = path.join(dir, 'ca.pem');
    fs.writeFileSync(caFile, Buffer.from(cluster.caData, 'base64'));
    await applyWith({ caFile }, 'tls-ca-file');
    expect(await deployment('tls-ca-file')).toBeDefined();
  });

  it('accepts any certificate with skipTLSVerify', async () => {
    await applyWith({ skipTLSVerify: true }, 'tls-skip-verify');
    expect(await deployment('tls-skip-verify')).toBeDefined();
  });

  it('refuses the self-signed certificate without them, naming the cluster and the fix', async () => {
    await expect(applyWith({}, 'tls-untrusted')).rejects.toThrow(
      /^cluster local-tls: the TLS certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted \(self[- ]signed certificate\); set caData or caFile of cluster local-tls/,
    );
    expect(await deployment('tls-untrusted')).toBeUndefined();
  });

  it('writes every field of a manifest, including those the client models rename (from)', async () => {
    const applier = new KubernetesApplier({
      name: 'local-tls',
      url: cluster.httpsUrl,
      token,
      caData: cluster.caData,
    });
    const policy = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name: 'allow-frontend',
        namespace: 'tls-fields',
        labels: { 'app.kubernetes.io/managed-by': 'portal-golden-path' },
      },
      spec: {
        podSelector: { matchLabels: { app: 'api' } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { app: 'frontend' } } }],
            ports: [{ protocol: 'TCP', port: 8080 }],
          },
        ],
      },
    };
    await applier.ensureNamespace('tls-fields', {});
    const [plan] = await applier.plan([policy]);
    expect(plan).toEqual({ action: 'create' });
    await applier.apply(policy, plan);
    const read = async () =>
      (
        await fetch(
          `${cluster.url}/apis/networking.k8s.io/v1/namespaces/tls-fields/networkpolicies/allow-frontend`,
          { headers: { authorization: `Bearer ${token}` } },
        )
      ).json();
    expect((await read()).spec).toEqual(policy.spec);
    // Planned again, it is the portal's own: replaced with the version just read, fields intact.
    const [again] = await applier.plan([policy]);
    expect(again).toMatchObject({ action: 'replace' });
    await applier.apply(policy, again);
    expect((await read()).spec).toEqual(policy.spec);
  });

  it('names the cluster when caFile cannot be read', async () => {
    await expect(
      applyWith({ caFile: path.join(dir, 'missing.pem') }, 'tls-no-file'),
    ).rejects.toThrow(
      /^cluster local-tls: caFile .*missing\.pem cannot be read/,
    );
  });
});
