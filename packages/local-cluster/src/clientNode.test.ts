/**
 * The official JavaScript client — the library Backstage's kubernetes
 * backend uses — must work against the local cluster unchanged.
 */
import * as k8s from '@kubernetes/client-node';
import { LocalCluster } from './index';
import {
  TEST_TOKEN,
  deploymentManifest,
  startTestCluster,
  waitFor,
} from './testing/harness';

let cluster: LocalCluster;
let kc: k8s.KubeConfig;

beforeAll(async () => {
  cluster = await startTestCluster();
  kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'local', server: cluster.url, skipTLSVerify: true }],
    users: [{ name: 'dev', token: TEST_TOKEN }],
    contexts: [{ name: 'local', cluster: 'local', user: 'dev' }],
    currentContext: 'local',
  });
});
afterAll(() => cluster.close());

describe('@kubernetes/client-node', () => {
  it('creates, reads and patches a deployment, then lists its pods by label', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    await core.createNamespace({ body: { metadata: { name: 'payments' } } });

    const created = await apps.createNamespacedDeployment({
      namespace: 'payments',
      body: deploymentManifest(
        'payment-service',
        'payments',
        'ghcr.io/example/payment-service:1.14.2',
        2,
      ) as k8s.V1Deployment,
    });
    expect(created.metadata?.uid).toBeDefined();

    const read = await apps.readNamespacedDeployment({
      name: 'payment-service',
      namespace: 'payments',
    });
    expect(read.spec?.template.spec?.containers[0].image).toBe(
      'ghcr.io/example/payment-service:1.14.2',
    );

    const patched = await apps.patchNamespacedDeployment(
      {
        name: 'payment-service',
        namespace: 'payments',
        body: { metadata: { labels: { tier: 'backend' } } },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    expect(patched.metadata?.labels?.tier).toBe('backend');

    const pods = await waitFor(
      async () => {
        const list = await core.listNamespacedPod({
          namespace: 'payments',
          labelSelector: 'backstage.io/kubernetes-id=payment-service',
        });
        return (
          list.items.length === 2 &&
          list.items.every(p => p.status?.phase === 'Running') &&
          list.items
        );
      },
      { what: 'two running pods' },
    );
    expect(pods[0].metadata?.ownerReferences?.[0].kind).toBe('ReplicaSet');

    const none = await core.listNamespacedPod({
      namespace: 'payments',
      labelSelector: 'backstage.io/kubernetes-id=other',
    });
    expect(none.items).toHaveLength(0);

    const all = await apps.listDeploymentForAllNamespaces({
      labelSelector: 'backstage.io/kubernetes-id in (payment-service)',
    });
    expect(all.items.map(d => d.metadata?.name)).toEqual(['payment-service']);
  });

  it('surfaces Status errors as ApiException with the status code', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    await expect(
      core.readNamespacedPod({ name: 'missing', namespace: 'default' }),
    ).rejects.toMatchObject({ code: 404 });
  });

  it('reads pod metrics via the metrics API', async () => {
    const metrics = new k8s.Metrics(kc);
    const pm = await waitFor(
      async () => {
        const r = await metrics.getPodMetrics('payments');
        return r.items.length === 2 && r.items;
      },
      { what: 'pod metrics' },
    );
    expect(pm[0].containers[0].usage.cpu).toMatch(/^\d+n$/);
    expect(pm[0].containers[0].usage.memory).toMatch(/^\d+Ki$/);
  });

  it('watches ADDED, MODIFIED and DELETED events', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const seen: Array<[string, string]> = [];
    const watch = new k8s.Watch(kc);
    const controller = await watch.watch(
      '/api/v1/namespaces/default/configmaps',
      { labelSelector: 'watched=yes' },
      (type, obj) => seen.push([type, obj.metadata.name]),
      () => {},
    );
    try {
      await core.createNamespacedConfigMap({
        namespace: 'default',
        body: {
          metadata: { name: 'w1', labels: { watched: 'yes' } },
          data: { a: '1' },
        },
      });
      await core.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name: 'ignored' }, data: { a: '1' } },
      });
      await core.replaceNamespacedConfigMap({
        name: 'w1',
        namespace: 'default',
        body: {
          metadata: { name: 'w1', labels: { watched: 'yes' } },
          data: { a: '2' },
        },
      });
      await core.deleteNamespacedConfigMap({
        name: 'w1',
        namespace: 'default',
      });
      await waitFor(() => seen.length >= 3, { what: 'three watch events' });
      expect(seen).toEqual([
        ['ADDED', 'w1'],
        ['MODIFIED', 'w1'],
        ['DELETED', 'w1'],
      ]);
    } finally {
      controller.abort();
    }
  });

  it('resumes a watch from a resourceVersion', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const list = await core.listNamespacedConfigMap({ namespace: 'default' });
    const rv = list.metadata?.resourceVersion;
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'after-rv' } },
    });
    const seen: string[] = [];
    const controller = await new k8s.Watch(kc).watch(
      '/api/v1/namespaces/default/configmaps',
      { resourceVersion: rv },
      (type, obj) => seen.push(`${type} ${obj.metadata.name}`),
      () => {},
    );
    try {
      await waitFor(() => seen.length >= 1, { what: 'replayed event' });
      expect(seen).toEqual(['ADDED after-rv']);
    } finally {
      controller.abort();
    }
  });
});
