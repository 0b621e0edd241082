import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { LocalCluster, startLocalCluster } from '@internal/local-cluster';
import { ClusterTarget, KubeClient, WatchEvent } from './KubeClient';
import { KUBERNETES_ID_LABEL, KubeObject } from './rolloutDeployment';

jest.setTimeout(30_000);

// A cluster that accepts connections and never answers: a real socket, not a mocked client.
async function hungServer() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer(socket => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('KubeClient against a cluster that never answers', () => {
  let cluster: Awaited<ReturnType<typeof hungServer>>;
  beforeAll(async () => {
    cluster = await hungServer();
  });
  afterAll(() => cluster.close());

  const client = () =>
    new KubeClient(
      { name: 'hung', url: cluster.url, environment: 'production' },
      300,
    );

  it('gives up a list after its time limit, naming the cluster', async () => {
    // Made first: the first client loads the library, which takes Jest seconds.
    const hung = client();
    const started = Date.now();
    await expect(hung.listDeployments(KUBERNETES_ID_LABEL)).rejects.toThrow(
      'cluster hung did not answer GET /apis/apps/v1/deployments within 300 ms',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('gives up a watch whose headers never come', async () => {
    const started = Date.now();
    await expect(
      client().watchDeployments(
        {
          labelSelector: KUBERNETES_ID_LABEL,
          resourceVersion: '1',
          timeoutSeconds: 60,
        },
        async () => {},
        new AbortController().signal,
      ),
    ).rejects.toThrow(
      /did not answer GET \/apis\/apps\/v1\/deployments within 300 ms/,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('still reports the caller aborting as an abort', async () => {
    const controller = new AbortController();
    const pending = client().listReplicaSets(
      'payments',
      'app=x',
      controller.signal,
    );
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });

  it('stops a watch waiting for headers as soon as the caller aborts', async () => {
    const controller = new AbortController();
    const pending = client().watchDeployments(
      {
        labelSelector: KUBERNETES_ID_LABEL,
        resourceVersion: '1',
        timeoutSeconds: 60,
      },
      async () => {},
      controller.signal,
    );
    const started = Date.now();
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    expect(Date.now() - started).toBeLessThan(100);
  });
});

describe('KubeClient against a watch that reports an error', () => {
  // A real HTTP server answering the watch as an API server does when the resourceVersion is
  // too old to watch from: status 200, then an ERROR event with a 410 Status.
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(
        `${JSON.stringify({
          type: 'ERROR',
          object: { kind: 'Status', code: 410, reason: 'Expired' },
        })}\n`,
      );
      // The stream stays open: the watch ends because the observer's handler throws.
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  it('hands the ERROR event over and ends the watch with what the handler threw', async () => {
    const events: WatchEvent<KubeObject>[] = [];
    await expect(
      new KubeClient({
        name: 'old',
        url,
        environment: 'production',
      }).watchDeployments(
        {
          labelSelector: KUBERNETES_ID_LABEL,
          resourceVersion: '1',
          timeoutSeconds: 60,
        },
        async event => {
          events.push(event);
          throw new Error('watch ended: 410');
        },
        new AbortController().signal,
      ),
    ).rejects.toThrow('watch ended: 410');
    expect(events).toEqual([
      {
        type: 'ERROR',
        object: { kind: 'Status', code: 410, reason: 'Expired' },
      },
    ]);
  });
});

describe('KubeClient against the local cluster over TLS', () => {
  const TOKEN = 'kube-client-test-token';
  let cluster: LocalCluster;
  let dir: string;

  beforeAll(async () => {
    cluster = await startLocalCluster({
      port: 0,
      token: TOKEN,
      tls: true,
      readinessDelayMs: 50,
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dora-kube-'));
    fs.writeFileSync(path.join(dir, 'ca.pem'), cluster.caCert!);
    await post('/api/v1/namespaces', { metadata: { name: 'payments' } });
    await post(
      '/apis/apps/v1/namespaces/payments/deployments',
      deployment('a'),
    );
  });

  afterAll(async () => {
    await cluster?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function post(p: string, body: unknown) {
    const res = await fetch(`${cluster.url}${p}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`${p}: ${await res.text()}`);
  }

  function deployment(name: string) {
    const labels = { app: name, [KUBERNETES_ID_LABEL]: name };
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

  const tls = (extra: Partial<ClusterTarget>) =>
    new KubeClient({
      name: 'local',
      url: cluster.httpsUrl!,
      token: TOKEN,
      environment: 'production',
      ...extra,
    });

  it.each([
    ['caData in PEM', () => ({ caData: cluster.caCert })],
    [
      'caData in base64',
      () => ({ caData: Buffer.from(cluster.caCert!).toString('base64') }),
    ],
    ['caFile', () => ({ caFile: path.join(dir, 'ca.pem') })],
    ['skipTLSVerify', () => ({ skipTLSVerify: true })],
  ])('trusts the cluster through %s', async (_what, extra) => {
    const list = await tls(extra()).listDeployments(KUBERNETES_ID_LABEL);
    expect(list.items.map(d => d.metadata.name)).toEqual(['a']);
    expect(list.metadata.resourceVersion).toMatch(/^\d+$/);
    // The API's JSON form, as the watch delivers it: timestamps stay strings.
    expect(typeof list.items[0].metadata.creationTimestamp).toBe('string');
  });

  it('refuses a cluster whose certificate it has no CA for', async () => {
    await expect(tls({}).listDeployments(KUBERNETES_ID_LABEL)).rejects.toThrow(
      /self[- ]signed certificate/,
    );
  });

  it('names an unreadable caFile and the cluster', () => {
    expect(() => tls({ caFile: path.join(dir, 'nope.pem') })).toThrow(
      /^cluster local: caFile .*nope\.pem cannot be read/,
    );
  });

  it("reports the cluster's refusal of a token, naming the cluster and the call", async () => {
    const client = tls({ caData: cluster.caCert, token: 'not-a-token' });
    await expect(client.listDeployments(KUBERNETES_ID_LABEL)).rejects.toThrow(
      /^cluster local answered GET \/apis\/apps\/v1\/deployments with 401/,
    );
    await expect(
      client.watchDeployments(
        {
          labelSelector: KUBERNETES_ID_LABEL,
          resourceVersion: '1',
          timeoutSeconds: 1,
        },
        async () => {},
        new AbortController().signal,
      ),
    ).rejects.toThrow(
      /^cluster local answered GET \/apis\/apps\/v1\/deployments with 401 /,
    );
  });

  it('watches from a list, one event at a time, until the server ends the watch', async () => {
    const client = tls({ caData: cluster.caCert });
    const list = await client.listDeployments(KUBERNETES_ID_LABEL);
    const seen: string[] = [];
    let running = 0;
    let overlapped = false;
    const watching = client.watchDeployments(
      {
        labelSelector: KUBERNETES_ID_LABEL,
        resourceVersion: list.metadata.resourceVersion,
        timeoutSeconds: 2,
      },
      async event => {
        overlapped ||= running > 0;
        running++;
        await new Promise(r => setTimeout(r, 20));
        seen.push(`${event.type} ${event.object.metadata.name}`);
        running--;
      },
      new AbortController().signal,
    );
    await post(
      '/apis/apps/v1/namespaces/payments/deployments',
      deployment('b'),
    );
    const started = Date.now();
    await watching;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(seen).toContain('ADDED b');
    expect(overlapped).toBe(false);
  });
});
