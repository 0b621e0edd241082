import { mockServices } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { PluginClient, fetchWithTimeout } from './http';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A real loopback server; `handler` decides what it answers (or whether it answers at all). */
async function serve(handler: Handler) {
  const server = http.createServer(handler);
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', s => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        sockets.forEach(s => s.destroy());
        server.close(() => resolve());
      }),
  };
}

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(s => s.close()));
});
async function start(handler: Handler) {
  const s = await serve(handler);
  servers.push(s);
  return s.base;
}

function client(base: string, timeoutMs = 300) {
  const seen: string[] = [];
  return {
    seen,
    client: new PluginClient({
      discovery: {
        getBaseUrl: async (pluginId: string) => {
          seen.push(pluginId);
          return `${base}/api/${pluginId}`;
        },
        getExternalBaseUrl: async (pluginId: string) =>
          `${base}/api/${pluginId}`,
      },
      auth: mockServices.auth(),
      timeoutMs,
    }),
  };
}

describe('fetchWithTimeout', () => {
  it('gives up on a server that accepts the connection and never answers, naming it and the limit', async () => {
    const base = await start(() => {});
    const started = Date.now();
    const error = await fetchWithTimeout(
      `${base}/x`,
      {},
      { timeoutMs: 250, what: 'prometheus' },
    ).catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe('prometheus did not answer within 250 ms');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('says why a server cannot be reached', async () => {
    const closed = await serve(() => {});
    await closed.close();
    const error = await fetchWithTimeout(
      `${closed.base}/x`,
      {},
      { timeoutMs: 1_000, what: 'cluster local' },
    ).catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toMatch(
      /^cluster local cannot be reached: .*ECONNREFUSED/,
    );
  });
});

describe('PluginClient', () => {
  it("reads another plugin's JSON with a service token and the query", async () => {
    let request: { url?: string; authorization?: string; encoding?: string } =
      {};
    const base = await start((req, res) => {
      request = {
        url: req.url,
        authorization: req.headers.authorization,
        encoding: req.headers['accept-encoding'],
      };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ items: [1, 2] }));
    });
    const { client: c, seen } = client(base);
    await expect(
      c.get('dora', '/metrics', { window: '30d', skipped: undefined }),
    ).resolves.toEqual({ items: [1, 2] });
    expect(seen).toEqual(['dora']);
    expect(request.url).toBe('/api/dora/metrics?window=30d');
    expect(request.authorization).toMatch(/^Bearer .+/);
    // Uncompressed: the peer is on loopback, where gzip costs CPU and saves nothing.
    expect(request.encoding).toBe('identity');
  });

  it('answers a 404 with undefined only when asked to, and any other failure as a 503 with the peer message', async () => {
    const base = await start((req, res) => {
      res.statusCode = req.url?.includes('missing') ? 404 : 500;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          error: { name: 'Error', message: 'the store is locked' },
          response: { statusCode: res.statusCode },
        }),
      );
    });
    const { client: c } = client(base);
    await expect(
      c.getJson('slo', '/missing', {}, { allowMissing: true }),
    ).resolves.toBeUndefined();
    await expect(c.get('slo', '/missing')).rejects.toThrow(
      'slo: /missing answered 404',
    );
    const error = await c.get<never>('slo', '/slos').catch((e: Error) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toBe('slo: /slos answered 500: the store is locked');
  });

  it('bounds the body too: headers sent, body never finished', async () => {
    const base = await start((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.write('{"items": [');
    });
    const { client: c } = client(base, 300);
    const started = Date.now();
    await expect(c.get('conformance', '/entities')).rejects.toThrow(
      'conformance: /entities did not answer within 300 ms',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
