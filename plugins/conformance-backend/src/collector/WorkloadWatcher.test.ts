import { mockServices } from '@backstage/backend-test-utils';
import { LocalCluster, startLocalCluster } from '@internal/local-cluster';
import * as k8s from '@kubernetes/client-node';
import { AffectedEntities } from './AffectedEntities';
import { WorkloadWatcher } from './WorkloadWatcher';

// The local cluster is a real Kubernetes API (list, watch, status updates by its controller),
// so the watcher is tested over HTTP exactly as it runs against a cluster.

jest.setTimeout(60_000);

const TOKEN = 'watch-test-token';
const PAYMENTS = 'component:default/payment-service';

function deployment(name: string, image: string, kubernetesId?: string) {
  const labels = {
    app: name,
    ...(kubernetesId && { 'backstage.io/kubernetes-id': kubernetesId }),
  };
  return {
    metadata: { name, namespace: 'payments', labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels },
        spec: { containers: [{ name, image }] },
      },
    },
  } as k8s.V1Deployment;
}

async function eventually(what: string, check: () => boolean) {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 50));
  }
}

describe('WorkloadWatcher', () => {
  let cluster: LocalCluster;
  let apps: k8s.AppsV1Api;
  let autoscaling: k8s.AutoscalingV2Api;
  let watcher: WorkloadWatcher;
  const queued: string[][] = [];

  /** Waits until the cluster's controllers are done with the previous test's changes. */
  async function quiet() {
    let seen = -1;
    while (seen !== watcher.changes) {
      seen = watcher.changes;
      await new Promise(r => setTimeout(r, 1000));
    }
    queued.length = 0;
  }

  beforeAll(async () => {
    cluster = await startLocalCluster({
      port: 0,
      token: TOKEN,
      tls: false,
      readinessDelayMs: 100,
    });
    const kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'local', server: cluster.url, skipTLSVerify: true }],
      users: [{ name: 'dev', token: TOKEN }],
      contexts: [{ name: 'local', cluster: 'local', user: 'dev' }],
      currentContext: 'local',
    });
    apps = kc.makeApiClient(k8s.AppsV1Api);
    autoscaling = kc.makeApiClient(k8s.AutoscalingV2Api);
    await kc
      .makeApiClient(k8s.CoreV1Api)
      .createNamespace({ body: { metadata: { name: 'payments' } } });
    await apps.createNamespacedDeployment({
      namespace: 'payments',
      body: deployment('payment-service', 'payments:1.0.0', 'payment-service'),
    });
    await apps.createNamespacedDeployment({
      namespace: 'payments',
      body: deployment('batch-runner', 'batch:1.0.0'),
    });
    let settled = false;
    const poll = setInterval(async () => {
      const list = await apps.listNamespacedDeployment({
        namespace: 'payments',
      });
      settled = list.items.every(
        d =>
          d.status?.readyReplicas === 1 &&
          d.status?.observedGeneration === d.metadata?.generation,
      );
      if (settled) clearInterval(poll);
    }, 100);

    // Started once the controller has rolled both out, so what the test sees later is only
    // what the test does (and the status updates it is about).
    await eventually('both deployments rolled out', () => settled);
    const affected = new AffectedEntities();
    affected.setEntity({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'payment-service',
        annotations: { 'backstage.io/kubernetes-id': 'payment-service' },
      },
    });
    affected.setJudged({
      entityRef: PAYMENTS,
      workloadKeys: ['local/payments/Deployment/payment-service'],
    });
    watcher = new WorkloadWatcher({
      clusters: [{ name: 'local', url: cluster.url, token: TOKEN }],
      affected,
      onAffected: refs => queued.push([...refs]),
      logger: mockServices.logger.mock(),
    });
    watcher.start();
    await watcher.synced();
  });

  afterAll(async () => {
    await watcher?.stop();
    await cluster?.close();
  });

  beforeEach(() => {
    queued.length = 0;
  });

  it('queues nothing for what the first list found, nor for status updates', async () => {
    // The cluster's controller keeps updating the deployments' status (replicas, conditions)
    // as their pods start; none of that is a change the checks read.
    await new Promise(r => setTimeout(r, 1500));
    expect(queued).toEqual([]);
  });

  it('queues the entity of a changed Deployment within seconds', async () => {
    await apps.patchNamespacedDeployment(
      {
        name: 'payment-service',
        namespace: 'payments',
        body: {
          spec: {
            template: {
              spec: {
                containers: [
                  { name: 'payment-service', image: 'payments:1.1.0' },
                ],
              },
            },
          },
        },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await eventually('the entity to be queued', () => queued.length > 0);
    // Controllers may touch the object again just after; the queue judges a ref once.
    expect(new Set(queued.flat())).toEqual(new Set([PAYMENTS]));
  });

  it('queues every entity with a workload in the namespace of a new HPA', async () => {
    await autoscaling.createNamespacedHorizontalPodAutoscaler({
      namespace: 'payments',
      body: {
        metadata: { name: 'payment-service', namespace: 'payments' },
        spec: {
          scaleTargetRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'payment-service',
          },
          minReplicas: 2,
          maxReplicas: 4,
        },
      },
    });
    await eventually('the entity to be queued', () => queued.length > 0);
    // Controllers may touch the object again just after; the queue judges a ref once.
    expect(new Set(queued.flat())).toEqual(new Set([PAYMENTS]));
  });

  it('queues nothing for a workload no entity selects', async () => {
    await quiet();
    await apps.patchNamespacedDeployment(
      {
        name: 'batch-runner',
        namespace: 'payments',
        body: { metadata: { labels: { tier: 'batch' } } },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    const before = watcher.changes;
    await eventually('the change to be seen', () => watcher.changes > before);
    expect(queued).toEqual([]);
  });

  it('queues the entity when its Deployment is deleted', async () => {
    await apps.deleteNamespacedDeployment({
      name: 'payment-service',
      namespace: 'payments',
    });
    await eventually('the entity to be queued', () => queued.length > 0);
    expect(queued.flat()).toContain(PAYMENTS);
  });
});

describe('WorkloadWatcher over TLS', () => {
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await startLocalCluster({
      port: 0,
      token: TOKEN,
      tls: true,
      readinessDelayMs: 50,
    });
  });

  afterAll(async () => {
    await cluster?.close();
  });

  // caData is PEM or base64, as the kubernetes plugin's config allows; the client reads base64.
  it.each([
    ['PEM', () => cluster.caCert!],
    ['base64', () => Buffer.from(cluster.caCert!).toString('base64')],
  ])('lists every watched type with caData in %s', async (_form, caData) => {
    const logger = mockServices.logger.mock();
    const watcher = new WorkloadWatcher({
      clusters: [
        { name: 'tls', url: cluster.httpsUrl!, token: TOKEN, caData: caData() },
      ],
      affected: new AffectedEntities(),
      onAffected: () => {},
      logger,
    });
    watcher.start();
    try {
      await watcher.synced();
      expect(logger.warn).not.toHaveBeenCalled();
    } finally {
      // Right after the lists, while the watches are still being set up: stopping ends them.
      const stopping = Date.now();
      await watcher.stop();
      expect(Date.now() - stopping).toBeLessThan(5_000);
    }
  });

  it('names an unreadable caFile and does not wait for that cluster', async () => {
    const logger = mockServices.logger.mock();
    const watcher = new WorkloadWatcher({
      clusters: [
        {
          name: 'tls',
          url: cluster.httpsUrl!,
          token: TOKEN,
          caFile: '/nonexistent/ca.pem',
        },
      ],
      affected: new AffectedEntities(),
      onAffected: () => {},
      logger,
    });
    watcher.start();
    try {
      await watcher.synced();
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(/cluster tls: caFile \/nonexistent\/ca\.pem/),
      );
    } finally {
      await watcher.stop();
    }
  });
});
