import net from 'node:net';
import { KubeClient } from './KubeClient';

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

  it('gives up a GET after its time limit, naming the cluster', async () => {
    const started = Date.now();
    await expect(
      client().get('/apis/apps/v1/deployments?limit=500'),
    ).rejects.toThrow(
      'cluster hung did not answer GET /apis/apps/v1/deployments within 300 ms',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('gives up a watch whose headers never come', async () => {
    await expect(
      client().watch(
        '/apis/apps/v1/deployments?watch=true',
        async () => {},
        new AbortController().signal,
      ),
    ).rejects.toThrow(
      /did not answer GET \/apis\/apps\/v1\/deployments within 300 ms/,
    );
  });

  it('still reports the caller aborting as an abort', async () => {
    const controller = new AbortController();
    const pending = client().get('/api/v1/pods', controller.signal);
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });
});
