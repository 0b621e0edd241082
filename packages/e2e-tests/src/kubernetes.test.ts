import { PortalClient } from './PortalClient';
import { PortalBackend } from './startPortalBackend';
import {
  PortalWithCluster,
  startPortalWithCluster,
} from './startPortalWithCluster';

// The stock Backstage kubernetes backend, booted in the real portal backend, reads the demo
// workloads from the local Kubernetes API, and reports a second, unreachable cluster as an error.

jest.setTimeout(240_000);

interface ClusterObjects {
  cluster: { name: string };
  resources: { type: string; resources: any[] }[];
  errors: { errorType: string; message?: string; statusCode?: number }[];
}

describe('Kubernetes status through the portal backend', () => {
  let portal: PortalWithCluster;
  let backend: PortalBackend;
  let client: PortalClient;

  beforeAll(async () => {
    portal = await startPortalWithCluster({ withUnreachableCluster: true });
    backend = portal.backend;
    client = await new PortalClient(backend.baseUrl).signInAsGuest();
    await client.waitForEntities([
      'Component:payment-service',
      'Component:notification-service',
    ]);
  });

  afterAll(() => portal?.stop());

  async function objectsOf(name: string): Promise<ClusterObjects[]> {
    const entity = (await client.entities()).find(
      e => e.metadata.name === name,
    );
    const res = await client.request(`/api/kubernetes/services/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entity }),
    });
    if (!res.ok) {
      throw new Error(
        `${res.status} ${await res.text()}\n${backend.output().slice(-4000)}`,
      );
    }
    return (await res.json()).items;
  }

  const byCluster = (items: ClusterObjects[], name: string) =>
    items.find(i => i.cluster.name === name)!;
  const ofType = (objects: ClusterObjects, type: string) =>
    objects.resources.find(r => r.type === type)?.resources ?? [];

  it('lists payment-service pods from the local cluster and an error for the unreachable one', async () => {
    const items = await objectsOf('payment-service');
    const local = byCluster(items, 'local');
    expect(local.errors).toEqual([]);

    const pods = ofType(local, 'pods');
    expect(pods.length).toBeGreaterThanOrEqual(2);
    for (const pod of pods) {
      expect(pod.metadata.labels['backstage.io/kubernetes-id']).toBe(
        'payment-service',
      );
      expect(pod.metadata.namespace).toBe('payments');
    }
    expect(ofType(local, 'deployments').map(d => d.metadata.name)).toEqual([
      'payment-service',
    ]);
    expect(ofType(local, 'horizontalpodautoscalers')).toHaveLength(1);

    const down = byCluster(items, 'unreachable');
    expect(down.resources.every(r => r.resources.length === 0)).toBe(true);
    expect(down.errors.length).toBeGreaterThan(0);
    expect(down.errors[0].errorType).toBe('FETCH_ERROR');
  });

  it('shows the crash-looping notification-service pods as failing', async () => {
    const pods = await (async () => {
      // Restarts accumulate on the cluster's clock; wait until the back-off is visible.
      const deadline = Date.now() + 30_000;
      for (;;) {
        const found = ofType(
          byCluster(await objectsOf('notification-service'), 'local'),
          'pods',
        );
        const waiting = found.filter(p =>
          p.status.containerStatuses?.some(
            (c: any) =>
              c.state?.waiting?.reason === 'CrashLoopBackOff' &&
              c.restartCount > 0,
          ),
        );
        if (found.length > 0 && waiting.length === found.length) return found;
        if (Date.now() > deadline)
          throw new Error(
            `pods never crash-looped: ${JSON.stringify(
              found.map(p => p.status),
            )}`,
          );
        await new Promise(r => setTimeout(r, 500));
      }
    })();
    for (const pod of pods) {
      expect(pod.status.conditions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'Ready', status: 'False' }),
        ]),
      );
    }
  });
});
