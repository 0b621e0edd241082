import net from 'node:net';
import { ConfigReader } from '@backstage/config';
import { KubernetesApplier, readClusterTargets } from './KubernetesApplier';

const pluginClusters = {
  clusterLocatorMethods: [
    {
      type: 'config',
      clusters: [
        {
          name: 'prod',
          url: 'https://prod.example.com',
          authProvider: 'serviceAccount',
          serviceAccountToken: 'read-only-token',
        },
      ],
    },
  ],
};

describe('the applier credentials', () => {
  it('writes with goldenPaths.kubernetes.clusters, never the kubernetes plugin token', () => {
    const config = new ConfigReader({
      kubernetes: pluginClusters,
      goldenPaths: {
        kubernetes: {
          clusters: [
            {
              name: 'prod',
              url: 'https://prod.example.com',
              serviceAccountToken: 'applier-token',
            },
          ],
        },
      },
    });
    expect(readClusterTargets(config)).toEqual([
      expect.objectContaining({ name: 'prod', token: 'applier-token' }),
    ]);
  });

  it('has no cluster to write to unless given one or told to share (development)', () => {
    const config = new ConfigReader({ kubernetes: pluginClusters });
    expect(readClusterTargets(config)).toEqual([]);
    expect(() => KubernetesApplier.forCluster(config, 'prod')).toThrow(
      /^cluster: no cluster named "prod" in goldenPaths.kubernetes.clusters; known: none/,
    );
    const shared = new ConfigReader({
      kubernetes: pluginClusters,
      goldenPaths: { kubernetes: { useKubernetesPluginClusters: true } },
    });
    expect(readClusterTargets(shared)).toEqual([
      expect.objectContaining({ token: 'read-only-token' }),
    ]);
  });
});

describe('a cluster that accepts connections and never answers', () => {
  let server: net.Server;
  let url: string;
  const sockets: net.Socket[] = [];

  beforeAll(async () => {
    server = net.createServer(socket => sockets.push(socket));
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    sockets.forEach(s => s.destroy());
    await new Promise(r => server.close(r));
  });

  it('fails the request within 2 s, naming the cluster', async () => {
    const config = new ConfigReader({
      goldenPaths: {
        kubernetes: {
          clusters: [{ name: 'hung', url, serviceAccountToken: 't' }],
          requestTimeoutMs: 1000,
        },
      },
    });
    const applier = KubernetesApplier.forCluster(config, 'hung');
    const started = Date.now();
    await expect(applier.namespaceExists('payments')).rejects.toThrow(
      /^cluster hung: GET .*\/api\/v1\/namespaces\/payments failed: no answer within 1000 ms/,
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(2000);
    expect(sockets.length).toBe(1);
  });

  it('times out by default too, well before a page or task would hang', async () => {
    const applier = new KubernetesApplier({ name: 'hung', url });
    const started = Date.now();
    await expect(applier.namespaceExists('payments')).rejects.toThrow(
      /no answer within 5000 ms/,
    );
    expect(Date.now() - started).toBeLessThan(6_000);
  }, 10_000);
});
