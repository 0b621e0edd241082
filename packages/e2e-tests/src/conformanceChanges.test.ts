import { PortalClient } from './PortalClient';
import { SystemKubectl } from './systemKubectl';
import {
  PortalWithCluster,
  startPortalWithCluster,
} from './startPortalWithCluster';

// Conformance does work in proportion to change, on the booted portal with the local cluster:
// nothing is judged again while nothing changes, and a Deployment changed with kubectl has its
// entity (and only it) judged again within seconds, with no full pass in between.

jest.setTimeout(240_000);

const PAYMENT = 'component:default/payment-service';

describe('conformance in proportion to change', () => {
  let portal: PortalWithCluster;
  let client: PortalClient;
  let kube: SystemKubectl;

  beforeAll(async () => {
    portal = await startPortalWithCluster({
      override: {
        conformance: {
          // Catalog comparisons every 3 s: if they judged unchanged entities, it would show.
          catalogChanges: {
            frequency: { seconds: 3 },
            timeout: { minutes: 1 },
            initialDelay: { seconds: 3 },
          },
        },
        dora: { demo: { enabled: false } },
        slo: { demo: { enabled: false } },
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

  async function summaries(): Promise<any[]> {
    const res = await client.request('/api/conformance/entities');
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    return (await res.json()).items;
  }

  async function judgedAt(): Promise<Record<string, string>> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const items = await summaries();
      if (
        items.length >= 8 &&
        items.every(i => !i.pending && i.workloadCount > 0)
      ) {
        return Object.fromEntries(items.map(i => [i.entityRef, i.evaluatedAt]));
      }
      if (Date.now() > deadline) {
        throw new Error(`not every entity judged: ${JSON.stringify(items)}`);
      }
      await new Promise(r => setTimeout(r, 500));
    }
  }

  it('judges nothing again while nothing changes, then only the entity whose Deployment changed', async () => {
    // Right after start the catalog still stitches relations into its entities (new etags, so
    // new judgements). Once it has settled, nothing is judged again: a portal that re-judged
    // unchanged entities on each 3-second comparison would never get past this wait.
    // Settled means two quiet comparisons in a row: under a loaded machine one quiet 10 s could
    // fall between two stitches of the same entity.
    let first = await judgedAt();
    const settleBy = Date.now() + 120_000;
    let quiet = 0;
    for (;;) {
      await new Promise(r => setTimeout(r, 10_000));
      const later = await judgedAt();
      quiet = JSON.stringify(later) === JSON.stringify(first) ? quiet + 1 : 0;
      if (quiet === 2) break;
      if (Date.now() > settleBy) {
        throw new Error(
          'entities kept being judged again with nothing changing',
        );
      }
      first = later;
    }

    const changedAt = Date.now();
    await kubectl(
      '-n',
      'payments',
      'set',
      'image',
      'deployment/payment-service',
      'payment-service=ghcr.io/example/payment-service:latest',
    );
    let now = first;
    while (now[PAYMENT] === first[PAYMENT]) {
      if (Date.now() - changedAt > 15_000) {
        throw new Error('payment-service was not judged again within 15 s');
      }
      await new Promise(r => setTimeout(r, 250));
      now = await judgedAt();
    }
    const payment = (await summaries()).find(i => i.entityRef === PAYMENT);
    // The new image is an unpinned tag: the verdict follows the change.
    expect(payment.verdicts['pinned-image']).toBe('fail');
    expect({ ...now, [PAYMENT]: undefined }).toEqual({
      ...first,
      [PAYMENT]: undefined,
    });
  });
});
