import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { LocalCluster, startLocalCluster } from '@internal/local-cluster';
import { SourceBatch } from '../types';
import { KubeClient } from './KubeClient';
import { RolloutObserver } from './RolloutObserver';
import { rolloutDeployment } from './rolloutDeployment';

// The local cluster is a real Kubernetes API (its controller finishes rollouts and writes the
// revision annotations), so the observer lists and watches over HTTP as it does in production.

jest.setTimeout(60_000);

const TOKEN = 'rollout-observer-test-token';
const SERVICES = 30;

function deployment(name: string) {
  const labels = { app: name, 'backstage.io/kubernetes-id': name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'payments', labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels },
        spec: { containers: [{ name, image: `${name}:1.0.0` }] },
      },
    },
  };
}

async function eventually(what: string, check: () => boolean) {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 50));
  }
}

describe('RolloutObserver', () => {
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await startLocalCluster({
      port: 0,
      token: TOKEN,
      tls: false,
      readinessDelayMs: 50,
    });
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${cluster.url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`${path}: ${await res.text()}`);
    };
    await post('/api/v1/namespaces', { metadata: { name: 'payments' } });
    await post('/api/v1/namespaces', { metadata: { name: 'checkout' } });
    for (let i = 0; i < SERVICES; i++) {
      await post(
        '/apis/apps/v1/namespaces/payments/deployments',
        deployment(`svc-${String(i).padStart(2, '0')}`),
      );
    }
  });

  afterAll(() => cluster?.close());

  /** The local cluster as the observer's one production cluster. */
  const localCluster = () => ({
    name: 'local',
    url: cluster.url,
    token: TOKEN,
    environment: 'production',
  });

  it('retries a rollout only once the catalog claims its kubernetes-id, not on every re-list or interval', async () => {
    // The catalog as the ingest path sees it: ids it claims are recorded, others are refused.
    const catalog = new Set<string>();
    const ingested: string[] = [];
    let ingestCalls = 0;
    const claimQueries: string[][] = [];
    const observer = new RolloutObserver({
      clusters: [localCluster()],
      logger: mockServices.logger.mock(),
      // Every second the watch ends and the observer lists every Deployment again.
      relistSeconds: 1,
      retryPendingMs: 200,
      ingest: async (batch: SourceBatch) => {
        ingestCalls++;
        for (const d of batch.deployments) {
          const id = String(d.kubernetesId);
          if (!catalog.has(id)) {
            throw new InputError(`no catalog entity has kubernetes-id ${id}`);
          }
          ingested.push(id);
        }
      },
      claimedIds: async ids => {
        claimQueries.push(ids);
        return new Set(ids.filter(id => catalog.has(id)));
      },
    });
    observer.start();
    try {
      await eventually('every finished rollout asked about once', () =>
        claimQueries.some(q => q.length === SERVICES),
      );
      // The list asked the catalog once which ids it claims, and sent nothing unclaimed.
      expect(ingestCalls).toBe(0);

      // Several re-lists and retry intervals later, nothing unclaimed was sent to ingest.
      const queriesBefore = claimQueries.length;
      await new Promise(r => setTimeout(r, 2_500));
      expect(claimQueries.length).toBeGreaterThan(queriesBefore + 3);
      expect(ingestCalls).toBe(0);
      expect(ingested).toEqual([]);

      // One entity appears in the catalog: exactly its rollout is recorded, by the next retry.
      catalog.add('svc-07');
      await eventually('svc-07 recorded', () => ingested.length === 1);
      expect(ingested).toEqual(['svc-07']);
      expect(ingestCalls).toBe(1);
      await eventually(
        'the pending list shrinks by one',
        () => claimQueries.at(-1)!.length === SERVICES - 1,
      );
      expect(claimQueries.at(-1)).not.toContain('svc-07');

      // Several appear at once (as while the catalog loads): recorded together, one ingest.
      for (const id of ['svc-01', 'svc-02', 'svc-03']) catalog.add(id);
      await eventually('three more recorded', () => ingested.length === 4);
      expect(ingested.slice(1).sort()).toEqual(['svc-01', 'svc-02', 'svc-03']);
      expect(ingestCalls).toBe(2);
    } finally {
      await observer.stop();
    }
  });

  it('records the rollouts a list finds in one ingest when the catalog claims them all', async () => {
    const batches: string[][] = [];
    const observer = new RolloutObserver({
      clusters: [localCluster()],
      logger: mockServices.logger.mock(),
      ingest: async (batch: SourceBatch) => {
        batches.push(batch.deployments.map(d => String(d.kubernetesId)));
      },
      claimedIds: async ids => new Set(ids),
    });
    observer.start();
    try {
      await eventually(
        'every rollout recorded',
        () => batches.flat().length === SERVICES,
      );
      // The deployments were rolled out by the first test: one list, one ingest.
      expect(batches).toHaveLength(1);
      expect([...batches[0]].sort()).toEqual(
        Array.from(
          { length: SERVICES },
          (_, i) => `svc-${String(i).padStart(2, '0')}`,
        ),
      );
    } finally {
      await observer.stop();
    }
  });

  it('judges a first list from one read of all ReplicaSets as from each namespace', async () => {
    // Two Deployments that have rolled out twice (two ReplicaSets each), in another namespace,
    // besides the 30 above: the bulk read must give each Deployment its own ReplicaSets.
    const headers = {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
    };
    for (const name of ['cart', 'pay']) {
      const d = deployment(name);
      d.metadata.namespace = 'checkout';
      await fetch(
        `${cluster.url}/apis/apps/v1/namespaces/checkout/deployments`,
        { method: 'POST', headers, body: JSON.stringify(d) },
      );
    }
    const client = new KubeClient(localCluster());
    const rolledOut = async (name: string, image: string) => {
      const list = await client.listDeployments(`app=${name}`);
      const d = list.items[0];
      return (
        d?.spec.template.spec.containers[0].image === image &&
        !!rolloutDeployment('local', 'production', d, [])
      );
    };
    for (const name of ['cart', 'pay']) {
      const deadline = Date.now() + 20_000;
      while (!(await rolledOut(name, `${name}:1.0.0`))) {
        if (Date.now() > deadline) throw new Error(`${name} never rolled out`);
        await new Promise(r => setTimeout(r, 50));
      }
      await fetch(
        `${cluster.url}/apis/apps/v1/namespaces/checkout/deployments/${name}`,
        {
          method: 'PATCH',
          headers: {
            ...headers,
            'content-type': 'application/strategic-merge-patch+json',
          },
          body: JSON.stringify({
            spec: {
              template: {
                spec: { containers: [{ name, image: `${name}:2.0.0` }] },
              },
            },
          }),
        },
      );
      while (!(await rolledOut(name, `${name}:2.0.0`))) {
        if (Date.now() > deadline) throw new Error(`${name} never rolled out`);
        await new Promise(r => setTimeout(r, 50));
      }
    }

    // What each Deployment's own namespace read of ReplicaSets says, one Deployment at a time.
    const expected = new Map<string, unknown>();
    for (const d of (await client.listDeployments('backstage.io/kubernetes-id'))
      .items) {
      const selector = Object.entries(d.spec.selector.matchLabels)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      const own = await client.listReplicaSets(d.metadata.namespace!, selector);
      expected.set(
        d.metadata.name!,
        rolloutDeployment('local', 'production', d, own.items),
      );
    }
    client.close();
    expect(expected.size).toBe(SERVICES + 2);
    expect(expected.get('cart')).toMatchObject({
      version: '2.0.0',
      type: 'normal',
      startedAt: expect.any(String),
    });

    const recorded = new Map<string, unknown>();
    const observer = new RolloutObserver({
      clusters: [localCluster()],
      logger: mockServices.logger.mock(),
      ingest: async (batch: SourceBatch) => {
        for (const d of batch.deployments)
          recorded.set(String(d.kubernetesId), d);
      },
      claimedIds: async ids => new Set(ids),
    });
    observer.start();
    try {
      await eventually(
        'every rollout recorded',
        () => recorded.size === SERVICES + 2,
      );
      expect(Object.fromEntries(recorded)).toEqual(
        Object.fromEntries(expected),
      );
    } finally {
      await observer.stop();
    }
  });

  it('watches again from the last version it saw when the server ends a watch, listing again only when the re-list is due', async () => {
    const lists = jest.spyOn(KubeClient.prototype, 'listDeployments');
    const watches = jest.spyOn(KubeClient.prototype, 'watchDeployments');
    const recorded: string[] = [];
    const observer = new RolloutObserver({
      clusters: [localCluster()],
      logger: mockServices.logger.mock(),
      relistSeconds: 3600,
      // The server ends each watch after a second.
      watchSeconds: 1,
      ingest: async (batch: SourceBatch) => {
        recorded.push(...batch.deployments.map(d => String(d.kubernetesId)));
      },
      claimedIds: async ids => new Set(ids),
    });
    observer.start();
    try {
      await eventually('the listed rollouts recorded', () =>
        recorded.includes('svc-00'),
      );
      await eventually('three watches', () => watches.mock.calls.length >= 3);
      const listed = lists.mock.calls.length;
      expect(listed).toBe(1);

      // A Deployment created between two watches is recorded from the next one's events.
      const d = deployment('late');
      d.metadata.namespace = 'checkout';
      const res = await fetch(
        `${cluster.url}/apis/apps/v1/namespaces/checkout/deployments`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${TOKEN}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify(d),
        },
      );
      expect(res.status).toBe(201);
      await eventually('late recorded', () => recorded.includes('late'));
      const watched = watches.mock.calls.length;
      await eventually(
        'the next watch',
        () => watches.mock.calls.length > watched,
      );
      expect(lists.mock.calls.length).toBe(listed);
      // The watch after it starts from a version its events carried, not the list's.
      const versions = watches.mock.calls.map(
        ([query]) => query.resourceVersion,
      );
      expect(versions.every(v => /^\d+$/.test(v))).toBe(true);
      expect(Number(versions.at(-1))).toBeGreaterThan(Number(versions[0]));
    } finally {
      await observer.stop();
      lists.mockRestore();
      watches.mockRestore();
    }
  });
});
