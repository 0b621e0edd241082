import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  Slo,
  isLatencyIndicator,
  readSloSpecFiles,
  windowedQueries,
} from '@internal/plugin-slo-common';
import { PortalClient } from './PortalClient';
import {
  ScrapingPrometheus,
  startScrapingPrometheus,
} from './sloLivePrometheus';
import {
  PortalBackend,
  freePort,
  repoRoot,
  startPortalBackend,
} from './startPortalBackend';

// The portal's own SLOs from its own metrics, nothing injected: the backend started with
// packages/backend/src/instrumentation.js (as scripts/start.sh and the image start it), a real
// Prometheus scraping its exporter as job "portal", the PromQL of catalog/slos/portal.yaml as
// the SLO parser reads it, and the ratio expected from the requests this test made.

jest.setTimeout(300_000);

const SCRAPE_SECONDS = 1;

function portalSlos(): Slo[] {
  const file = path.join(repoRoot, 'catalog/slos/portal.yaml');
  const { slos, problems } = readSloSpecFiles([
    { file, content: fs.readFileSync(file, 'utf8') },
  ]);
  expect(problems).toEqual([]);
  return slos;
}

/**
 * Requests in Backstage's access log lines that finished in (fromMs, toMs], by status (health
 * probes are not requests). Each line holds the instant it was logged, when the response
 * finished, which is when the exporter's counter counts it too.
 */
function accessLog(output: string, fromMs: number, toMs: number) {
  const counts = { total: 0, serverError: 0 };
  const line =
    /\[(\d{4}-\d\d-\d\dT[\d:.]+Z)\] "[A-Z]+ (\S+) HTTP\/[\d.]+" (\d{3}) /g;
  for (const [, at, url, status] of output.matchAll(line)) {
    if (url.startsWith('/.backstage/health/')) continue;
    const ms = Date.parse(at);
    if (!(ms > fromMs && ms <= toMs)) continue;
    counts.total += 1;
    if (Number(status) >= 500) counts.serverError += 1;
  }
  return counts;
}

describe('the portal exports its request metrics to Prometheus', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-metrics-'));
  let prometheus: ScrapingPrometheus | undefined;
  let backend: PortalBackend | undefined;
  let client: PortalClient;
  let metricsPort: number;
  let downPort: number;

  beforeAll(async () => {
    metricsPort = await freePort();
    // Nothing listens here: the proxy's upstream is down, a real 5xx.
    downPort = await freePort();
    // Up first, so the backend's SLO collector can be pointed at it; it scrapes the exporter
    // once the backend is up.
    prometheus = await startScrapingPrometheus(
      `127.0.0.1:${metricsPort}`,
      'portal',
      SCRAPE_SECONDS,
    );
    backend = await startPortalBackend({
      configs: ['app-config.yaml'],
      env: {
        PORTAL_DATA_DIR: path.join(dir, 'data'),
        PORTAL_METRICS_PORT: String(metricsPort),
        NODE_OPTIONS: `--require ${path.join(
          repoRoot,
          'packages/backend/src/instrumentation.js',
        )}`,
      },
      override: {
        catalog: {
          locations: [
            { type: 'file', target: path.join(repoRoot, 'catalog-info.yaml') },
          ],
        },
        proxy: {
          endpoints: {
            '/upstream-down': {
              target: `http://127.0.0.1:${downPort}`,
              credentials: 'dangerously-allow-unauthenticated',
            },
          },
        },
        slo: {
          demo: { enabled: false },
          bucketSeconds: 10,
          specRefresh: {
            frequency: { seconds: 10 },
            timeout: { seconds: 60 },
            initialDelay: { seconds: 1 },
          },
          prometheus: {
            baseUrl: prometheus.baseUrl,
            maxBackfill: '10m',
            lagSeconds: 2,
            counterLookback: '2m',
            schedule: {
              frequency: { seconds: 2 },
              timeout: { seconds: 30 },
              initialDelay: { seconds: 1 },
            },
          },
        },
      },
    });
    client = await new PortalClient(backend.baseUrl).signInAsGuest();
    await client.waitForEntities(['component:portal'], 120_000);
  });

  afterAll(async () => {
    await backend?.stop();
    await prometheus?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The test's own requests, counted by status as the client saw them. */
  const made = { ok: 0, clientError: 0, serverError: 0, slowest: 0 };
  async function call(url: string, auth: boolean) {
    const started = Date.now();
    const res = auth
      ? await client.request(url)
      : await fetch(`${backend!.baseUrl}${url}`);
    await res.arrayBuffer();
    made.slowest = Math.max(made.slowest, Date.now() - started);
    if (res.status >= 500) made.serverError += 1;
    else if (res.status >= 400) made.clientError += 1;
    else made.ok += 1;
    return res.status;
  }

  /** The newest scrape's timestamp (ms): every series of one scrape carries it. */
  async function lastScrapeMs(): Promise<number> {
    const res = await fetch(`${prometheus!.baseUrl}/api/v1/query`, {
      method: 'POST',
      body: new URLSearchParams({
        query: 'max(timestamp(up{job="portal"}))',
      }),
    });
    const json = (await res.json()) as {
      data: { result: Array<{ value: [number, string] }> };
    };
    return Math.round(Number(json.data.result[0]?.value[1] ?? 0) * 1000);
  }

  async function scrapeAfter(ms: number): Promise<number> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const at = await lastScrapeMs();
      if (at > ms) return at;
      if (Date.now() > deadline)
        throw new Error('no scrape after the requests');
      await new Promise(r => setTimeout(r, 200));
    }
  }

  it('serves http_server_request_duration by status code', async () => {
    expect(
      await call(
        '/api/catalog/entities/by-name/component/default/portal',
        true,
      ),
    ).toBe(200);
    expect(
      await call('/api/catalog/entities/by-name/component/default/nope', true),
    ).toBe(404);
    expect(await call('/api/catalog/entities', false)).toBe(401);
    expect(
      await call('/api/proxy/upstream-down/x', true),
    ).toBeGreaterThanOrEqual(500);
    const text = await (
      await fetch(`http://127.0.0.1:${metricsPort}/metrics`)
    ).text();
    expect(text).toMatch(
      /^http_server_request_duration_count\{[^}]*http_response_status_code="404"[^}]*\} [1-9]/m,
    );
    expect(text).toMatch(/http_server_request_duration_bucket\{[^}]*le="1"/);
  });

  it("the portal's SLO queries return the ratio of the requests handled", async () => {
    const slos = portalSlos();
    const availability = slos.find(s => s.name === 'requests-availability')!;
    const latency = slos.find(s => s.name === 'requests-latency')!;
    expect(isLatencyIndicator(latency.indicator)).toBe(true);

    const plan: Array<[string, boolean]> = [
      ...Array.from({ length: 30 }, (): [string, boolean] => [
        '/api/catalog/entities/by-name/component/default/portal',
        true,
      ]),
      ...Array.from({ length: 12 }, (): [string, boolean] => [
        '/api/catalog/entities/by-name/component/default/nope',
        true,
      ]),
      ...Array.from({ length: 5 }, (): [string, boolean] => [
        '/api/catalog/entities',
        false,
      ]),
      ...Array.from({ length: 7 }, (): [string, boolean] => [
        '/api/proxy/upstream-down/x',
        true,
      ]),
    ];

    // The backend calls itself too (each catalog read asks the permission backend over
    // HTTP), so the client's counts are not all the server handled: the independent count is
    // the backend's access log (Backstage's request logging, not OpenTelemetry). Every series
    // already exists and a window that starts and ends on scrapes holds only differences
    // between scrapes of one target, so Prometheus extrapolates nothing: the rates are the
    // counters' exact differences. The log's lines count by the instant each was logged, in
    // the same window. A background request finishing in the moment between a scrape's
    // timestamp and the exporter's collection lands in one count and not the other; then the
    // burst is repeated.
    for (let attempt = 1; ; attempt++) {
      const from = await scrapeAfter(Date.now());
      const before = { ...made };
      for (const [url, auth] of plan) await call(url, auth);
      expect([
        made.ok - before.ok,
        made.clientError - before.clientError,
        made.serverError - before.serverError,
      ]).toEqual([30, 17, 7]);
      const to = await scrapeAfter(Date.now());
      const log = accessLog(backend!.output(), from, to);

      const seconds = (to - from) / 1000;
      const q = windowedQueries(availability.indicator, `${to - from}ms`);
      const good = await prometheus!.scalar(q.good!, to / 1000);
      const total = await prometheus!.scalar(q.total!, to / 1000);
      if (Math.round(total * seconds) !== log.total && attempt < 4) continue;

      expect(total * seconds).toBeCloseTo(log.total, 6);
      expect(log.total).toBeGreaterThanOrEqual(plan.length);
      expect(log.serverError).toBeGreaterThanOrEqual(7);
      expect(good / total).toBeCloseTo(
        (log.total - log.serverError) / log.total,
        9,
      );

      // Every request finished within the latency SLO's second, as the client timed it.
      expect(made.slowest).toBeLessThan(1000);
      const lq = windowedQueries(latency.indicator, `${to - from}ms`);
      const fast = await prometheus!.scalar(lq.good!, to / 1000);
      const all = await prometheus!.scalar(lq.total!, to / 1000);
      expect(all).toBeCloseTo(total, 9);
      expect(fast / all).toBeCloseTo(1, 9);
      break;
    }
  });

  it("the SLO backend collects the portal's own SLO from that Prometheus", async () => {
    interface State {
      status: string;
      good: number;
      total: number;
      stale: boolean;
    }
    let last = '';
    async function until(done: (s: State) => boolean): Promise<State> {
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        const res = await client.request(
          `/api/slo/slo?id=${encodeURIComponent(
            'portal/requests-availability',
          )}`,
        );
        last = `${res.status} ${await res.clone().text()}`;
        const state = res.ok
          ? ((await res.json()) as { state: State }).state
          : undefined;
        if (state && done(state)) return state;
        await new Promise(r => setTimeout(r, 2000));
      }
      // The last answer, in the failure message.
      throw new Error(`not collected: ${last}`);
    }

    const first = await until(s => s.status !== 'no-data' && s.total > 0);
    expect(first.stale).toBe(false);
    // Failures served now, with the SLO registered, reach the collected budget as bad events.
    for (let i = 0; i < 7; i++) {
      expect(
        await call('/api/proxy/upstream-down/x', true),
      ).toBeGreaterThanOrEqual(500);
    }
    const later = await until(s => s.total - s.good >= 7);
    expect(later.total - later.good).toBeGreaterThanOrEqual(7);
    expect(later.good).toBeGreaterThan(0);
  });
});
