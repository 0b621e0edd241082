import http from 'node:http';
import net from 'node:net';
import { LocalCluster, startLocalCluster } from '@internal/local-cluster';
import { KubeApi, KubeApiError, KubeWatchEvent } from './kubeApi';

// The local cluster is a real Kubernetes API (paged lists with continue tokens, watches that end
// after timeoutSeconds, Status bodies): the client is tested over HTTP as it runs in production.

jest.setTimeout(30_000);

const TOKEN = 'kube-api-test-token';

type Named = { metadata: { name: string; resourceVersion?: string } };

describe('KubeApi against the local cluster', () => {
  let cluster: LocalCluster;
  let api: KubeApi;

  beforeAll(async () => {
    cluster = await startLocalCluster({
      port: 0,
      token: TOKEN,
      tls: false,
      readinessDelayMs: 50,
    });
    api = new KubeApi({ name: 'local', url: cluster.url, token: TOKEN });
    for (let i = 0; i < 7; i++) await createNamespace(`team-${i}`);
  });

  afterAll(async () => {
    api?.close();
    await cluster?.close();
  });

  async function createNamespace(name: string) {
    const res = await fetch(`${cluster.url}/api/v1/namespaces`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ metadata: { name } }),
    });
    if (res.status !== 201) throw new Error(await res.text());
  }

  it('lists page by page, following continue tokens, as one list would', async () => {
    const whole = await api.list<Named>(
      '/api/v1/namespaces',
      {},
      {
        pageSize: 1000,
      },
    );
    const pages: string[][] = [];
    const paged = await api.list<Named>(
      '/api/v1/namespaces',
      {},
      {
        pageSize: 3,
        onPage: items => pages.push(items.map(n => n.metadata.name)),
      },
    );
    const names = whole.items.map(n => n.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['team-0', 'team-6']));
    expect(pages.length).toBe(Math.ceil(names.length / 3));
    expect(pages.flat()).toEqual(names);
    // onPage took the items: the result holds none, and the version to watch from.
    expect(paged.items).toEqual([]);
    expect(paged.metadata.resourceVersion).toMatch(/^\d+$/);
  });

  it('passes query parameters through (a label selector)', async () => {
    const list = await api.list<Named>('/api/v1/namespaces', {
      labelSelector: 'kubernetes.io/metadata.name=team-3',
    });
    expect(list.items.map(n => n.metadata.name)).toEqual(['team-3']);
  });

  it('hands over watch events one at a time, in order, until the server ends the watch', async () => {
    const { metadata } = await api.list<Named>('/api/v1/namespaces');
    const seen: string[] = [];
    let running = 0;
    let overlapped = false;
    const watching = api.watch<Named>(
      '/api/v1/namespaces',
      { resourceVersion: metadata.resourceVersion, timeoutSeconds: 2 },
      async event => {
        overlapped ||= running > 0;
        running++;
        await new Promise(r => setTimeout(r, 20));
        seen.push(`${event.type} ${event.object.metadata.name}`);
        running--;
      },
      new AbortController().signal,
    );
    await createNamespace('late-a');
    await createNamespace('late-b');
    const started = Date.now();
    await watching;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(seen.filter(s => s.startsWith('ADDED'))).toEqual([
      'ADDED late-a',
      'ADDED late-b',
    ]);
    expect(overlapped).toBe(false);
  });

  it('ends a watch with what the handler threw', async () => {
    const { metadata } = await api.list<Named>('/api/v1/namespaces');
    const watching = api.watch<Named>(
      '/api/v1/namespaces',
      { resourceVersion: metadata.resourceVersion, timeoutSeconds: 60 },
      () => {
        throw new Error('handler refused');
      },
      new AbortController().signal,
    );
    await createNamespace('late-c');
    await expect(watching).rejects.toThrow('handler refused');
  });

  it('rejects a watch with the reason as soon as the caller aborts', async () => {
    const controller = new AbortController();
    const watching = api.watch<Named>(
      '/api/v1/namespaces',
      { timeoutSeconds: 60 },
      () => {},
      controller.signal,
    );
    await new Promise(r => setTimeout(r, 200));
    const started = Date.now();
    controller.abort(new Error('stopping'));
    await expect(watching).rejects.toThrow('stopping');
    expect(Date.now() - started).toBeLessThan(500);
  });

  it("names the cluster, the call and the API's message when a token is refused", async () => {
    const refused = new KubeApi({
      name: 'local',
      url: cluster.url,
      token: 'not-a-token',
    });
    try {
      const error = await refused.list('/api/v1/namespaces').catch(e => e);
      expect(error).toBeInstanceOf(KubeApiError);
      expect(error.code).toBe(401);
      expect(error.message).toMatch(
        /^cluster local answered GET \/api\/v1\/namespaces with 401 /,
      );
      await expect(
        refused.watch(
          '/api/v1/namespaces',
          {},
          () => {},
          new AbortController().signal,
        ),
      ).rejects.toMatchObject({ code: 401 });
    } finally {
      refused.close();
    }
  });
});

describe('KubeApi against servers that misbehave', () => {
  const servers: (http.Server | net.Server)[] = [];
  afterAll(() => {
    for (const s of servers) {
      if (s instanceof http.Server) s.closeAllConnections();
      s.close();
    }
  });

  async function listen(server: http.Server | net.Server): Promise<string> {
    servers.push(server);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  }

  it('gives up a list whose body never ends, naming the limit', async () => {
    const url = await listen(
      http.createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"items": [');
      }),
    );
    const api = new KubeApi({ name: 'slow', url }, { timeoutMs: 300 });
    await expect(api.list('/api/v1/pods')).rejects.toThrow(
      'cluster slow did not answer GET /api/v1/pods within 300 ms',
    );
    api.close();
  });

  it('keeps a watch open past the limit once its headers came, and reads a last line without newline', async () => {
    const event = (name: string) =>
      JSON.stringify({ type: 'ADDED', object: { metadata: { name } } });
    const url = await listen(
      http.createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(`${event('a')}\n${event('b').slice(0, 10)}`);
        setTimeout(() => res.end(event('b').slice(10)), 600);
      }),
    );
    const api = new KubeApi({ name: 'stream', url }, { timeoutMs: 300 });
    const seen: KubeWatchEvent<Named>[] = [];
    await api.watch<Named>(
      '/api/v1/pods',
      {},
      e => {
        seen.push(e);
      },
      new AbortController().signal,
    );
    expect(seen.map(e => e.object.metadata.name)).toEqual(['a', 'b']);
    api.close();
  });
});
