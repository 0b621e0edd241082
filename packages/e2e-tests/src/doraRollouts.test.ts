import { PortalClient } from './PortalClient';
import { SystemKubectl } from './systemKubectl';
import {
  PortalWithCluster,
  startPortalWithCluster,
} from './startPortalWithCluster';

// The DORA rollout observer in the booted portal, watching the local cluster: rollouts made with
// the real kubectl become deployments of the catalog entity, an undo becomes a rollback.

jest.setTimeout(240_000);

const PAYMENT = 'component:default/payment-service';

describe('DORA deployments observed from Kubernetes rollouts', () => {
  let portal: PortalWithCluster;
  let client: PortalClient;
  let kube: SystemKubectl;

  beforeAll(async () => {
    portal = await startPortalWithCluster({
      override: {
        // Only what the observer records: no demo history in the way.
        dora: {
          demo: { enabled: false },
          kubernetes: { enabled: true, relistSeconds: 2 },
        },
      },
    });
    client = await new PortalClient(portal.backend.baseUrl).signInAsGuest();
    kube = new SystemKubectl(portal.cluster.kubeconfig());
  });

  afterAll(async () => {
    await portal?.stop();
    kube?.dispose();
  });

  const kubectl = (...args: string[]) => kube.run(...args);

  async function kubernetesDeployments(): Promise<any[]> {
    const res = await client.request(
      `/api/dora/deployments?entityRef=${encodeURIComponent(
        PAYMENT,
      )}&environment=production`,
    );
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    return (await res.json()).items.filter(
      (d: any) => d.source === 'kubernetes',
    );
  }

  async function waitFor(count: number): Promise<any[]> {
    const deadline = Date.now() + 60_000;
    let items: any[] = [];
    while (Date.now() < deadline) {
      items = await kubernetesDeployments();
      if (items.length >= count) return items;
      await new Promise(r => setTimeout(r, 500));
    }
    throw new Error(
      `expected ${count} deployments, saw ${JSON.stringify(
        items,
      )}\n${portal.backend
        .output()
        .split('\n')
        .filter(l => /rollout observer|dora.*(warn|error)/i.test(l))
        .slice(-30)
        .join('\n')}`,
    );
  }

  it('records the running revision, each new rollout, and an undo as a rollback', async () => {
    // Revision 1 (from the demo manifests) is recorded once the catalog knows payment-service.
    const [first] = await waitFor(1);
    expect(first).toMatchObject({
      entityRef: PAYMENT,
      environment: 'production',
      status: 'success',
      type: 'normal',
      version: '1.14.2',
    });

    await kubectl(
      '-n',
      'payments',
      'set',
      'image',
      'deployment/payment-service',
      'payment-service=ghcr.io/example/payment-service:1.15.0',
    );
    await kubectl(
      '-n',
      'payments',
      'rollout',
      'status',
      'deployment/payment-service',
      '--timeout=60s',
    );
    const afterUpgrade = await waitFor(2);
    expect(afterUpgrade[0]).toMatchObject({
      version: '1.15.0',
      type: 'normal',
      status: 'success',
    });

    await kubectl(
      '-n',
      'payments',
      'rollout',
      'undo',
      'deployment/payment-service',
    );
    await kubectl(
      '-n',
      'payments',
      'rollout',
      'status',
      'deployment/payment-service',
      '--timeout=60s',
    );
    const afterUndo = await waitFor(3);
    expect(afterUndo[0]).toMatchObject({
      version: '1.14.2',
      type: 'rollback',
      status: 'success',
    });

    // Newest first, one record per revision: nothing was recorded twice across re-lists.
    await new Promise(r => setTimeout(r, 3_000));
    expect((await kubernetesDeployments()).map(d => d.id)).toEqual(
      afterUndo.map(d => d.id),
    );
    expect(new Set(afterUndo.map(d => d.id)).size).toBe(3);

    // The upgrade is a failed deployment now: the next one rolled it back.
    const { metrics } = await client.doraMetricsDerived({
      entityRef: PAYMENT,
      window: '7d',
    });
    expect(metrics.changeFailureRate.value).toBeCloseTo(1 / 3);
  });
});
