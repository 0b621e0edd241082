import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PortalClient } from './PortalClient';
import {
  CountingExporter,
  ScrapingPrometheus,
  startScrapingPrometheus,
} from './sloLivePrometheus';
import { PortalBackend, startPortalBackend } from './startPortalBackend';

// The SLO pipeline on the real clock, nothing injected: a service's counters (driven here), a
// real Prometheus scraping them every second, the real backend collecting 10-second buckets
// every few seconds on its own scheduler, and the API read as a user would. Errors are
// injected until the page alert fires, then stopped until it resets.

jest.setTimeout(300_000);

const BUCKET = 10;
const SLO_ID = 'live-service/availability';
// The page conditions of a 30-day SLO: 1h and 5m above 14.4, or 6h and 30m above 6.
const PAGE_FACTORS = { 3600: 14.4, 21600: 6 } as Record<number, number>;

interface LiveState {
  evaluatedAt: number;
  stale: boolean;
  total: number;
  burnRates: Array<{ windowSeconds: number; burnRate: number | null }>;
  alert: {
    severity: string;
    firing: Array<{
      severity: string;
      longWindow: number;
      factor: number;
      longBurn: number;
      shortBurn: number;
    }>;
  };
}

describe('SLO alerts on a live clock', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-live-'));
  const exporter = new CountingExporter(100);
  let prometheus: ScrapingPrometheus | undefined;
  let backend: PortalBackend | undefined;
  let client: PortalClient;

  beforeAll(async () => {
    prometheus = await startScrapingPrometheus(
      await exporter.start(),
      'live',
      1,
    );
    fs.writeFileSync(
      path.join(dir, 'catalog-info.yaml'),
      `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: live-service
  annotations:
    portal.io/slo-spec: ./slos.yaml
spec:
  type: service
  lifecycle: production
  owner: group:default/sre
`,
    );
    fs.writeFileSync(
      path.join(dir, 'slos.yaml'),
      `service: live-service
slos:
  - name: availability
    indicator:
      type: availability
      good_events: sum(rate(http_requests_total{job="live",code!~"5.."}[5m]))
      total_events: sum(rate(http_requests_total{job="live"}[5m]))
    objective: 99
    window: 30d
`,
    );
    backend = await startPortalBackend({
      configs: ['app-config.yaml'],
      env: { PORTAL_DATA_DIR: path.join(dir, 'data') },
      override: {
        catalog: {
          locations: [
            { type: 'file', target: path.join(dir, 'catalog-info.yaml') },
          ],
        },
        slo: {
          demo: { enabled: false },
          bucketSeconds: BUCKET,
          specRefresh: {
            frequency: { seconds: 10 },
            timeout: { seconds: 60 },
            initialDelay: { seconds: 1 },
          },
          prometheus: {
            baseUrl: prometheus.baseUrl,
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
  });

  afterAll(async () => {
    await backend?.stop();
    await prometheus?.stop();
    await exporter.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const seen: Array<{ at: number; state: LiveState }> = [];

  async function state(): Promise<LiveState | undefined> {
    const res = await client.request(
      `/api/slo/slo?id=${encodeURIComponent(SLO_ID)}`,
    );
    if (res.status !== 200) return undefined;
    const body = await res.json();
    seen.push({ at: Date.now() / 1000, state: body.state });
    return body.state;
  }

  async function until(
    what: string,
    timeoutSeconds: number,
    done: (s: LiveState) => boolean,
  ): Promise<LiveState> {
    const deadline = Date.now() + timeoutSeconds * 1000;
    for (;;) {
      const s = await state();
      if (s && done(s)) return s;
      if (Date.now() > deadline) {
        throw new Error(
          `${what} within ${timeoutSeconds}s; last state ${JSON.stringify(
            s,
          )}\n${backend!.output().slice(-3000)}`,
        );
      }
      await new Promise(r => setTimeout(r, 1000));
    }
  }

  const burn = (s: LiveState, seconds: number) =>
    s.burnRates.find(b => b.windowSeconds === seconds)?.burnRate;

  it('pages while errors are injected and resets after', async () => {
    // Healthy traffic first, until collected buckets hold some of it.
    const healthy = await until(
      'healthy traffic collected',
      150,
      s => s.total >= 1500,
    );
    expect(healthy.alert.severity).toBe('none');
    expect(burn(healthy, 300)).toBe(0);
    const healthySince = seen.length - 1;

    exporter.errorShare = 0.5;
    const injected = Date.now() / 1000;
    const paged = await until(
      'the page alert while errors are injected',
      90,
      s => s.alert.severity === 'page',
    );
    const firedAfter = Date.now() / 1000 - injected;
    exporter.errorShare = 0;
    const pages = paged.alert.firing.filter(f => f.severity === 'page');
    expect(pages.length).toBeGreaterThan(0);
    for (const f of pages) {
      expect(f.factor).toBe(PAGE_FACTORS[f.longWindow]);
      expect(Math.min(f.longBurn, f.shortBurn)).toBeGreaterThan(f.factor);
    }

    // Prometheus' own increase() over the 5 minutes ending at the evaluation time gives the
    // same burn rate, within a scrape (100 requests) either way.
    const at = paged.evaluatedAt;
    const bad = await prometheus!.scalar(
      'sum(increase(http_requests_total{job="live",code="500"}[5m]))',
      at,
    );
    const total = await prometheus!.scalar(
      'sum(increase(http_requests_total{job="live"}[5m]))',
      at,
    );
    const low = Math.max(0, bad - 200) / (total + 100) / 0.01;
    const high = (bad + 200) / Math.max(1, total - 100) / 0.01;
    expect(burn(paged, 300)).toBeGreaterThanOrEqual(low);
    expect(burn(paged, 300)).toBeLessThanOrEqual(high);

    const stopped = Date.now() / 1000;
    const reset = await until(
      'the page alert to reset once errors stopped',
      240,
      s => !s.alert.firing.some(f => f.severity === 'page'),
    );
    const resetAfter = Date.now() / 1000 - stopped;
    // Every window still holds the incident's errors (the test is younger than 5 minutes):
    // below both page factors now, the budget spent shows as the slow-burn ticket instead.
    expect(burn(reset, 300)).toBeLessThan(6);
    expect(reset.alert.severity).toBe('ticket');

    // Every answer since the first collected traffic: the 5-minute burn rate measured (never
    // "no data"), evaluated where collection is (a bucket, the lag and a cycle or two behind
    // the clock), never stale.
    const live = seen.slice(healthySince);
    expect(live.length).toBeGreaterThan(20);
    expect(live.filter(s => burn(s.state, 300) === null)).toEqual([]);
    const behind = live.map(s => s.at - s.state.evaluatedAt);
    expect(Math.max(...behind)).toBeLessThan(BUCKET + 2 + 15);
    expect(
      live.every(s => !s.state.stale && s.state.evaluatedAt % BUCKET === 0),
    ).toBe(true);
    // eslint-disable-next-line no-console
    console.log(
      `page fired ${firedAfter.toFixed(
        1,
      )} s after errors began, reset ${resetAfter.toFixed(
        1,
      )} s after they stopped; ${live.length} answers, evaluation ${Math.min(
        ...behind,
      ).toFixed(1)}–${Math.max(...behind).toFixed(1)} s behind the clock`,
    );
  });
});
