import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { aggregate } from '@internal/plugin-slo-common';
import { DatabaseSloRollupStore } from '../database/SloRollupStore';
import { SloService } from '../service/SloService';
import { SloRegistry } from '../specs/SloRegistry';
import { stateRanges } from '../state/computeSloState';
import { PrometheusClient } from './PrometheusClient';
import { SloCollector } from './SloCollector';
import {
  RawSeries,
  SCRAPE_SECONDS,
  syntheticHistory,
} from './testing/syntheticHistory';
import {
  TestPrometheus,
  removeTestPrometheus,
  startTestPrometheus,
} from './testing/startTestPrometheus';

// The reference is Prometheus itself: its own increase() over every window at the evaluation
// time, asked through /api/v1/query with PromQL written here by hand. The history holds a
// 3-hour scrape gap during which the process kept counting errors, counter restarts, and a
// 6-hour gap 10 days back.

jest.setTimeout(120_000);

const DAY = 86400;
const END = 1_790_000_100;
const history = syntheticHistory(END);

/** Good and total as increase() over a range, per SLO, written independently of the portal. */
const REFERENCE: Record<string, { good: string; total: string }> = {
  'healthy/availability': {
    good: 'http_requests_total{job="healthy",code!~"5.."}',
    total: 'http_requests_total{job="healthy"}',
  },
  'fastburn/availability': {
    good: 'http_requests_total{job="fastburn",code="200"}',
    total: 'http_requests_total{job="fastburn"}',
  },
  'slowburn/latency': {
    good: 'request_duration_seconds_bucket{job="slowburn",le="0.5"}',
    total: 'request_duration_seconds_count{job="slowburn"}',
  },
  'idle/availability': {
    good: 'http_requests_total{job="idle",code="200"}',
    total: 'http_requests_total{job="idle"}',
  },
  'restarts/availability': {
    good: 'http_requests_total{job="restarts",code="200"}',
    total: 'http_requests_total{job="restarts"}',
  },
  'gappy/availability': {
    good: 'http_requests_total{job="gappy",code="200"}',
    total: 'http_requests_total{job="gappy"}',
  },
  'arith/availability': {
    good: 'http_requests_total{job="arith",code=~"20."}',
    total: 'http_requests_total{job="arith"}',
  },
  'offset/availability': {
    good: 'http_requests_total{job="offset",code="200"}',
    total: 'http_requests_total{job="offset"}',
  },
  'outage/availability': {
    good: 'http_requests_total{job="outage",code="200"}',
    total: 'http_requests_total{job="outage"}',
  },
};

async function increase(
  baseUrl: string,
  selector: string,
  seconds: number,
): Promise<number> {
  const body = new URLSearchParams({
    query: `sum(increase(${selector}[${seconds}s]))`,
    time: String(END),
  });
  const res = await fetch(`${baseUrl}/api/v1/query`, { method: 'POST', body });
  const json = (await res.json()) as {
    data: { result: Array<{ value: [number, string] }> };
  };
  // No series with samples in the range: no events.
  return Number(json.data.result[0]?.value[1] ?? 0);
}

/** The most events any one scrape interval adds over a job's series (the gap's jump aside). */
function oneScrape(job: string): number {
  const series = history.series.filter((s: RawSeries) => s.labels.job === job);
  let most = 0;
  for (const s of series) {
    let max = 0;
    for (let i = 1; i < s.samples.length; i++) {
      const [[t0, v0], [t1, v1]] = [s.samples[i - 1], s.samples[i]];
      if (t1 - t0 === SCRAPE_SECONDS)
        max = Math.max(max, v1 >= v0 ? v1 - v0 : v1);
    }
    most += max;
  }
  return most;
}

describe('collected budgets against Prometheus increase() at the evaluation time', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let prometheus: TestPrometheus | undefined;

  beforeAll(async () => {
    prometheus = await startTestPrometheus(history.series);
  });

  afterAll(async () => {
    await prometheus?.stop();
    removeTestPrometheus(prometheus);
  });

  it('good, total and burn rate of every window agree within one scrape interval', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseSloRollupStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const collector = new SloCollector({
      client: new PrometheusClient({ baseUrl: prometheus!.baseUrl }),
      store,
      logger: mockServices.logger.mock(),
      maxBackfillSeconds: 35 * DAY,
    });
    // A cycle 75 s after END: with the default 60 s lag the newest bucket ends at END.
    const report = await collector.collect(history.slos, END + 75);
    expect(report.failed).toEqual([]);

    const registry = new SloRegistry();
    registry.replace([
      { entityRef: 'component:default/x', slos: history.slos, errors: [] },
    ]);
    // The page is read 4 minutes later, before the next cycle.
    const service = new SloService({ registry, store, now: () => END + 240 });
    const items = await service.list();
    expect(items).toHaveLength(Object.keys(REFERENCE).length);

    const compared: string[] = [];
    for (const { slo, state } of items) {
      expect(state.evaluatedAt).toBe(END);
      expect(state.stale).toBe(false);
      const ref = REFERENCE[slo.id];
      const tolerance = oneScrape(slo.service);
      const ranges = stateRanges(slo, state.evaluatedAt);
      const buckets = await store.readBuckets(slo.id, END - 31 * DAY, END);
      const windows = [
        ...ranges.alertWindows.map((r, i) => ({
          seconds: r.to - r.from,
          range: r,
          burn: state.burnRates[i].burnRate,
        })),
        {
          seconds: 30 * DAY,
          range: ranges.window,
          burn: state.burnRates[state.burnRates.length - 1].burnRate,
        },
      ];
      for (const w of windows) {
        const good = await increase(prometheus!.baseUrl, ref.good, w.seconds);
        const total = await increase(prometheus!.baseUrl, ref.total, w.seconds);
        const portal = aggregate(buckets, w.range.from, w.range.to);
        const where = `${slo.id} over ${w.seconds}s`;
        expect({
          where,
          diff: Math.abs(portal.total - total) <= tolerance,
        }).toEqual({ where, diff: true });
        expect({
          where,
          diff: Math.abs(portal.good - good) <= tolerance,
        }).toEqual({ where, diff: true });
        // The burn rate the API answers lies within what one scrape either way allows; with
        // no events in the window it is absent.
        const budget = 1 - slo.target;
        const low =
          Math.max(0, total - good - 2 * tolerance) /
          (total + tolerance) /
          budget;
        const high =
          (total - good + 2 * tolerance) /
          Math.max(1, total - tolerance) /
          budget;
        const burnAgrees =
          total === 0
            ? w.burn === undefined
            : w.burn !== undefined && w.burn >= low && w.burn <= high;
        expect({ where, burnAgrees }).toEqual({ where, burnAgrees: true });
        if (total > 0) compared.push(where);
      }
    }
    // Every window of every SLO with traffic (idle has none) was compared.
    expect(compared).toHaveLength(8 * 8);

    // The gap's errors count wherever Prometheus counts them: 3 hours at 40%.
    const outage = items.find(i => i.slo.id === 'outage/availability')!.state;
    const sixHours = outage.burnRates.find(b => b.windowSeconds === 6 * 3600)!;
    expect(sixHours.burnRate).toBeGreaterThan(10);
    expect(outage.alert.severity).toBe('ticket');
  });
});
