import net from 'node:net';
import { PortalClient } from './PortalClient';
import { SecurityPortal, startSecurityPortal } from './securityPortal';

// A cluster and a Prometheus that accept TCP connections and never write a byte, behind the
// booted portal: the entity pages' API calls and DORA's /metrics must still answer within 2 s,
// with the dependency's error where the call needs it. The limits are set below 2 s here
// (kubernetes.portal.responseTimeoutMs 1 s, the conformance page read 1.8 s, Prometheus 1 s);
// their defaults are 5 s, 5 s and 60 s.

jest.setTimeout(300_000);

const LIMIT_MS = 2_000;
const ENTITY = 'component:default/payment-service';

interface HungServer {
  url: string;
  /** Connections accepted so far. */
  accepted(): number;
  close(): Promise<void>;
}

async function startHungServer(): Promise<HungServer> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer(socket => {
    accepted++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accepted: () => accepted,
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('hung dependencies', () => {
  let cluster: HungServer;
  let prometheus: HungServer;
  let portal: SecurityPortal;
  let admin: PortalClient;
  const timings: string[] = [];

  beforeAll(async () => {
    cluster = await startHungServer();
    prometheus = await startHungServer();
    portal = await startSecurityPortal({
      cluster,
      as: 'admin',
      override: {
        kubernetes: { portal: { responseTimeoutMs: 1_000 } },
        conformance: { readTimeoutMs: { page: 1_800 } },
        slo: {
          demo: { enabled: false },
          specRefresh: {
            frequency: { seconds: 30 },
            timeout: { seconds: 60 },
            initialDelay: { seconds: 1 },
          },
          prometheus: {
            baseUrl: prometheus.url,
            timeoutSeconds: 1,
            schedule: {
              frequency: { minutes: 10 },
              timeout: { minutes: 2 },
              initialDelay: { seconds: 1 },
            },
          },
        },
      },
    });
    admin = portal.user;
    // The SLO plugin reads the specs in the background after start, and the DORA demo history
    // is written after start: wait for both, then for the start-up work to settle, so the times
    // below are the dependencies' and not the boot's.
    const deadline = Date.now() + 120_000;
    let quiet = 0;
    while (Date.now() < deadline && quiet < 3) {
      const started = performance.now();
      const [slo, dora] = await Promise.all([
        admin.request(`/api/slo/entity?entityRef=${ENTITY}`),
        admin.request(`/api/dora/deployments?entityRef=${ENTITY}`),
      ]);
      const ready =
        slo.ok &&
        dora.ok &&
        (await slo.json()).slos.length > 0 &&
        (await dora.json()).items.length > 0;
      quiet = ready && performance.now() - started < 250 ? quiet + 1 : 0;
      await new Promise(r => setTimeout(r, 1000));
    }
    // The kubernetes backend loads its client library on its first request, as stock does; on a
    // busy machine that takes a second or more, which is the boot's time, not the hung cluster's.
    // A request that reaches no cluster loads it.
    const clusters = await admin.request('/api/kubernetes/clusters');
    if (!clusters.ok) {
      throw new Error(
        `GET /api/kubernetes/clusters answered ${clusters.status}`,
      );
    }
  });

  afterAll(async () => {
    await portal?.stop();
    await cluster?.close();
    await prometheus?.close();
    // eslint-disable-next-line no-console
    console.log(`answer times with hung dependencies:\n${timings.join('\n')}`);
  });

  /** Three calls in a row; every one is checked, the slowest is returned. */
  async function timed(name: string, path: string, init?: RequestInit) {
    const rounds: Array<{ status: number; body: any; ms: number }> = [];
    for (let round = 0; round < 3; round++) {
      const started = performance.now();
      const res = await admin.request(path, init);
      const text = await res.text();
      const ms = performance.now() - started;
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      rounds.push({ status: res.status, body, ms });
    }
    timings.push(
      `  ${name}: ${rounds
        .map(r => `${r.status} in ${r.ms.toFixed(0)} ms`)
        .join(', ')}`,
    );
    for (const r of rounds) {
      expect(r.status).toBe(rounds[0].status);
    }
    return rounds.reduce((a, b) => (b.ms > a.ms ? b : a));
  }

  it("answers an entity's Kubernetes workloads with the cluster's error within 2 s", async () => {
    const entity = await (
      await admin.request(
        '/api/catalog/entities/by-name/component/default/payment-service',
      )
    ).json();
    const connections = cluster.accepted();
    const res = await timed(
      'kubernetes POST /services/payment-service',
      '/api/kubernetes/services/payment-service',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ entity }),
      },
    );
    expect(res.ms).toBeLessThan(LIMIT_MS);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(
      /^The Kubernetes backend did not answer POST \/api\/kubernetes\/services\/payment-service within 1000 ms: a cluster accepts connections but does not answer/,
    );
    // The backend did reach for the hung cluster: the error is the cluster's, not a refusal.
    expect(cluster.accepted()).toBeGreaterThan(connections);
  });

  it("answers an entity's conformance with the cluster's error within 2 s", async () => {
    const res = await timed(
      'conformance GET /entity',
      `/api/conformance/entity?entityRef=${ENTITY}`,
    );
    expect(res.ms).toBeLessThan(LIMIT_MS);
    expect(res.status).toBeGreaterThanOrEqual(200);
    expect(JSON.stringify(res.body)).toMatch(
      /did not answer|not answering|within \d+ ms/,
    );
    expect(res.status).not.toBe(500);
  });

  it("answers an entity's SLOs within 2 s, from the stored rollups", async () => {
    const res = await timed(
      'slo GET /entity',
      `/api/slo/entity?entityRef=${ENTITY}`,
    );
    expect(res.ms).toBeLessThan(LIMIT_MS);
    expect(res.status).toBe(200);
    expect(res.body.slos.length).toBeGreaterThan(0);
  });

  it("answers collecting an entity's SLOs now with Prometheus' error, not a hang", async () => {
    const connections = prometheus.accepted();
    const res = await timed('slo POST /collect', '/api/slo/collect', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entityRef: ENTITY }),
    });
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(
      /Prometheus (at http:\/\/127\.0\.0\.1:\d+ is unreachable|did not finish collecting)/,
    );
    expect(prometheus.accepted()).toBeGreaterThan(connections);
    // The collector's own retries (4 attempts of 1 s) or the route's 10 s wait, whichever first.
    expect(res.ms).toBeLessThan(12_000);
  });

  it('answers DORA /metrics within 2 s', async () => {
    const res = await timed(
      'dora GET /metrics',
      `/api/dora/metrics?entityRef=${ENTITY}`,
    );
    expect(res.ms).toBeLessThan(LIMIT_MS);
    expect(res.status).toBe(200);
  });

  it("logs the DORA rollout observer's timeout against the hung cluster and retries", async () => {
    const deadline = Date.now() + 30_000;
    const line =
      /DORA rollout observer: cluster local: cluster local did not answer GET \/apis\/apps\/v1\/deployments within 10000 ms; retrying/;
    while (!line.test(portal.backend.output()) && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 500));
    }
    expect(portal.backend.output()).toMatch(line);
  });
});
