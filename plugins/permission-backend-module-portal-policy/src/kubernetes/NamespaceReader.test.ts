import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import { NamespaceReader, readClustersFromConfig } from './NamespaceReader';

// A plain HTTP server stands in for the API server's GET of one Namespace: the reader's
// concerns here are credentials, caching and the deadline. The e2e test
// (packages/e2e-tests/src/securityKubernetesProxy.test.ts) reads the local cluster with the
// portal-reader token.

// The first request loads @kubernetes/client-node, which Jest's VM takes seconds to transform
// when its cache is cold.
jest.setTimeout(30_000);

describe('NamespaceReader', () => {
  let server: http.Server;
  let url: string;
  const calls: string[] = [];
  let hang = false;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      calls.push(`${req.headers.authorization} ${req.url}`);
      if (hang) return; // accepts and never answers
      const name = req.url!.split('/').pop();
      if (req.headers.authorization !== 'Bearer reader') {
        res.writeHead(403).end('{"message":"forbidden"}');
      } else if (name === 'team') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ kind: 'Namespace', metadata: { name } }));
      } else {
        res.writeHead(404).end('{"message":"not found"}');
      }
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(r => server.close(r));
  });
  beforeEach(() => {
    calls.length = 0;
    hang = false;
  });

  const reader = (options: { token?: string; now?: () => number } = {}) =>
    new NamespaceReader(
      [{ name: 'local', url, token: options.token ?? 'reader' }],
      { timeoutMs: 300, now: options.now },
    );

  it('reads the namespace with the cluster token and reuses the answer for 30 s', async () => {
    let now = 1_000_000;
    const r = reader({ now: () => now });
    expect(await r.read('local', 'team')).toEqual({
      kind: 'Namespace',
      metadata: { name: 'team' },
    });
    now += 29_000;
    await r.read('local', 'team');
    expect(calls).toEqual(['Bearer reader /api/v1/namespaces/team']);
    now += 1_001;
    await r.read('local', 'team');
    expect(calls).toHaveLength(2);
  });

  it('answers undefined for a namespace the cluster does not have, and caches that too', async () => {
    const r = reader();
    expect(await r.read('local', 'nobody')).toBeUndefined();
    expect(await r.read('local', 'nobody')).toBeUndefined();
    expect(calls).toHaveLength(1);
  });

  it('asks nothing of a cluster it has no credentials for', async () => {
    const r = reader();
    expect(r.knows('elsewhere')).toBe(false);
    expect(await r.read('elsewhere', 'team')).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('fails with 503 naming the cluster when refused, and asks again next time', async () => {
    const r = reader({ token: 'wrong' });
    await expect(r.read('local', 'team')).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /^reading namespace team from cluster local failed: 403/,
      ),
    });
    await expect(r.read('local', 'team')).rejects.toThrow();
    expect(calls).toHaveLength(2);
  });

  it('gives up on a cluster that does not answer at the deadline', async () => {
    hang = true;
    const started = Date.now();
    await expect(reader().read('local', 'team')).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message:
        'reading namespace team from cluster local: no answer within 300 ms (kubernetes.portal.namespaceLookupTimeoutMs)',
    });
    const ms = Date.now() - started;
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(1_000);
  });
});

describe('readClustersFromConfig', () => {
  it('takes the config clusters that read with a service account token', () => {
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          { type: 'catalog' },
          {
            type: 'config',
            clusters: [
              {
                name: 'local',
                url: 'http://127.0.0.1:6550',
                authProvider: 'serviceAccount',
                serviceAccountToken: 'reader',
                skipTLSVerify: true,
              },
              { name: 'oidc', url: 'https://x', authProvider: 'oidc' },
              {
                name: 'tokenless',
                url: 'https://y',
                authProvider: 'serviceAccount',
              },
            ],
          },
        ],
      },
    });
    expect(readClustersFromConfig(config)).toEqual([
      {
        name: 'local',
        url: 'http://127.0.0.1:6550',
        token: 'reader',
        skipTLSVerify: true,
        caData: undefined,
        caFile: undefined,
      },
    ]);
  });
});
