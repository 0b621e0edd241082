import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { LocalCluster, startLocalCluster } from '@internal/local-cluster';
import * as k8s from '@kubernetes/client-node';
import { AffectedEntities } from './AffectedEntities';
import { WorkloadWatcher } from './WorkloadWatcher';
import { WATCHED } from './watchedTypes';
import { WorkloadCache } from './WorkloadCache';
import { WatchedWorkloadReader } from './WatchedWorkloadReader';
import { ClusterWorkloads, WorkloadReader } from './KubernetesWorkloadReader';

// What the watches hold is compared with what the system kubectl reads from the same real
// Kubernetes API: the reader must answer as a request through the kubernetes backend would.

jest.setTimeout(60_000);

const TOKEN = 'reader-test-token';
const ID = 'backstage.io/kubernetes-id';

function component(name: string, annotations: Record<string, string>) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations },
  } as Entity;
}

/** The search service's Deployment, selected by its kubernetes-id; its pods carry no id. */
function searchDeployment(image: string) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'search',
      namespace: 'shop',
      labels: { app: 'search', [ID]: 'search' },
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'search' } },
      template: {
        metadata: { labels: { app: 'search' } },
        spec: { containers: [{ name: 'search', image }] },
      },
    },
  } as k8s.KubernetesObject;
}

/** Stands in for the kubernetes backend and records who it was asked for. */
class RecordingReader implements WorkloadReader {
  readonly asked: string[] = [];
  async read(entity: Entity): Promise<ClusterWorkloads[]> {
    this.asked.push(entity.metadata.name);
    return [];
  }
}

describe('WatchedWorkloadReader', () => {
  let cluster: LocalCluster;
  let watcher: WorkloadWatcher;
  let cache: WorkloadCache;
  // kubectl sends a token over TLS only: it talks to the cluster's TLS endpoint.
  let kubeconfig: string;
  const kubectl = async (...args: string[]) => {
    const { stdout } = await promisify(execFile)('kubectl', [
      `--kubeconfig=${kubeconfig}`,
      ...args,
    ]);
    return stdout;
  };
  const apply = (manifest: object) =>
    new Promise<void>((resolve, reject) => {
      const child = execFile(
        'kubectl',
        [`--kubeconfig=${kubeconfig}`, 'apply', '-f', '-'],
        error => (error ? reject(error) : resolve()),
      );
      child.stdin!.end(JSON.stringify(manifest));
    });

  beforeAll(async () => {
    cluster = await startLocalCluster({
      port: 0,
      token: TOKEN,
      tls: true,
      readinessDelayMs: 100,
    });
    kubeconfig = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-reader-')),
      'kubeconfig',
    );
    fs.writeFileSync(kubeconfig, cluster.kubeconfig());
    const kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'local', server: cluster.url, skipTLSVerify: true }],
      users: [{ name: 'dev', token: TOKEN }],
      contexts: [{ name: 'local', cluster: 'local', user: 'dev' }],
      currentContext: 'local',
    });
    const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
    const create = (o: k8s.KubernetesObject) => objects.create(o);
    await create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop' },
    });
    const labels = { app: 'cart', [ID]: 'cart', team: 'shop' };
    await create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'cart', namespace: 'shop', labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'cart' } },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'cart',
                image: 'cart:1.0.0',
                securityContext: { runAsNonRoot: true, privileged: false },
                resources: { requests: { cpu: '100m', memory: '64Mi' } },
              },
            ],
          },
        },
      },
    } as k8s.KubernetesObject);
    // A bare pod of the same entity: the kubernetes backend lists it as a workload of its own.
    await create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'cart-debug', namespace: 'shop', labels },
      spec: { containers: [{ name: 'debug', image: 'busybox:1.36' }] },
    } as k8s.KubernetesObject);
    // Through kubectl: the client's model would send `from` as `_from`, and the API drop it.
    await apply({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-frontend', namespace: 'shop' },
      spec: {
        podSelector: { matchLabels: { app: 'cart' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
      },
    });
    await create(searchDeployment('search:2'));

    cache = new WorkloadCache(WATCHED.map(t => t.kind));
    watcher = new WorkloadWatcher({
      clusters: [
        { name: 'local', url: cluster.url, token: TOKEN },
        // Nothing listens here: its lists fail, and it answers with that error.
        { name: 'down', url: 'http://127.0.0.1:9', token: TOKEN },
      ],
      affected: new AffectedEntities(),
      onAffected: () => {},
      logger: mockServices.logger.mock(),
      cache,
    });
    watcher.start();
    // The first lists of the cluster that answers (the other one never will).
    const deadline = Date.now() + 20_000;
    while (cache.answer('local').state !== 'ready') {
      if (Date.now() > deadline) throw new Error('local never listed');
      await new Promise(r => setTimeout(r, 100));
    }
    while (cache.answer('down').state !== 'failed') {
      if (Date.now() > deadline) throw new Error('down never failed');
      await new Promise(r => setTimeout(r, 100));
    }
  });

  afterAll(async () => {
    await watcher?.stop();
    await cluster?.close();
  });

  const allKinds = new Set([
    'Deployment',
    'StatefulSet',
    'DaemonSet',
    'ReplicaSet',
    'Job',
    'CronJob',
    'Pod',
  ]);

  it("answers with the entity's top-level workloads as kubectl reads them, and each cluster's error", async () => {
    const fallback = new RecordingReader();
    const reader = new WatchedWorkloadReader(cache, fallback, allKinds);
    const clusters = await reader.read(
      component('cart-service', { [ID]: 'cart' }),
    );
    expect(fallback.asked).toEqual([]);

    // The peer: kubectl with the label selector the kubernetes backend uses, top-level only.
    const listed = JSON.parse(
      await kubectl(
        'get',
        'pods,deployments,replicasets,statefulsets,daemonsets,jobs,cronjobs',
        '-A',
        '-l',
        `${ID}=cart`,
        '-o',
        'json',
      ),
    ).items.filter((o: any) => !o.metadata.ownerReferences?.length);
    const policies = JSON.parse(
      await kubectl('get', 'networkpolicies', '-n', 'shop', '-o', 'json'),
    ).items;
    expect(
      listed.map((o: any) => `${o.kind}/${o.metadata.name}`).sort(),
    ).toEqual(['Deployment/cart', 'Pod/cart-debug']);

    const local = clusters.find(c => c.cluster === 'local')!;
    expect(local.error).toBeUndefined();
    expect(
      local.contexts
        .map(c => `${c.workload.kind}/${c.workload.metadata.name}`)
        .sort(),
    ).toEqual(['Deployment/cart', 'Pod/cart-debug']);
    for (const object of listed) {
      const ctx = local.contexts.find(
        c =>
          c.workload.kind === object.kind &&
          c.workload.metadata.name === object.metadata.name,
      )!;
      expect(ctx.workload.spec).toEqual(object.spec);
      expect(ctx.workload.metadata.labels).toEqual(object.metadata.labels);
      // The API's own field names (`from`), as the kubernetes backend's proxy passes them on.
      expect(ctx.namespace.networkPolicies.map(p => p.spec)).toEqual(
        policies.map((p: any) => p.spec),
      );
      expect(ctx.namespace.networkPolicies[0].spec.ingress[0].from).toEqual([
        { podSelector: { matchLabels: { app: 'web' } } },
      ]);
    }

    expect(clusters.find(c => c.cluster === 'down')).toMatchObject({
      contexts: [],
      error: expect.stringMatching(/^FETCH_ERROR: .*ECONNREFUSED/),
    });
  });

  it('selects by an equality label selector, a namespace and the configured object types', async () => {
    const reader = new WatchedWorkloadReader(
      cache,
      new RecordingReader(),
      WatchedWorkloadReader.workloadKinds(
        new ConfigReader({ kubernetes: { objectTypes: ['deployments'] } }),
      ),
    );
    const bySelector = await reader.read(
      component('cart', {
        'backstage.io/kubernetes-label-selector': 'app=cart,team = shop',
      }),
    );
    expect(
      bySelector
        .find(c => c.cluster === 'local')!
        .contexts.map(c => c.workload.metadata.name),
    ).toEqual(['cart']);

    const elsewhere = await reader.read(
      component('cart', {
        [ID]: 'cart',
        'backstage.io/kubernetes-namespace': 'other',
      }),
    );
    expect(elsewhere.map(c => c.cluster)).toEqual(['down']);
  });

  it('sees a change of the cluster once the watch delivers it', async () => {
    await apply(searchDeployment('search:3'));
    const reader = new WatchedWorkloadReader(
      cache,
      new RecordingReader(),
      allKinds,
    );
    const image = async () =>
      (await reader.read(component('search', { [ID]: 'search' }))).find(
        c => c.cluster === 'local',
      )?.contexts[0]?.workload.spec.template.spec.containers[0].image;
    const deadline = Date.now() + 10_000;
    while ((await image()) !== 'search:3') {
      if (Date.now() > deadline) throw new Error('the change never arrived');
      await new Promise(r => setTimeout(r, 100));
    }
    expect(await image()).toBe('search:3');
  });

  it('leaves a set-based selector, and a cluster not listed yet, to the kubernetes backend', async () => {
    const fallback = new RecordingReader();
    await new WatchedWorkloadReader(cache, fallback, allKinds).read(
      component('cart', {
        'backstage.io/kubernetes-label-selector': 'app in (cart, web)',
      }),
    );
    const fresh = new WorkloadCache(WATCHED.map(t => t.kind));
    fresh.addCluster('local');
    await new WatchedWorkloadReader(fresh, fallback, allKinds).read(
      component('search', { [ID]: 'search' }),
    );
    expect(fallback.asked).toEqual(['cart', 'search']);
  });

  it('stands in for the kubernetes backend only under config it can answer for', () => {
    const config = (kubernetes: object) =>
      WatchedWorkloadReader.covers(new ConfigReader({ kubernetes }));
    const locator = {
      type: 'config',
      clusters: [
        {
          name: 'a',
          url: 'https://a',
          authProvider: 'serviceAccount',
          serviceAccountToken: 't',
        },
      ],
    };
    expect(
      config({
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [locator],
      }),
    ).toBe(true);
    expect(
      config({
        serviceLocatorMethod: { type: 'singleTenant' },
        clusterLocatorMethods: [locator],
      }),
    ).toBe(false);
    expect(
      config({
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [locator, { type: 'catalog' }],
      }),
    ).toBe(false);
    expect(
      config({
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [{ name: 'g', url: 'https://g', authProvider: 'google' }],
          },
        ],
      }),
    ).toBe(false);
  });
});
