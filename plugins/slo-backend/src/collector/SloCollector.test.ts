import { LoggerService } from '@backstage/backend-plugin-api';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { RollupBucket, Slo } from '@internal/plugin-slo-common';
import { DatabaseSloRollupStore } from '../database/SloRollupStore';
import { computeSloState } from '../state/computeSloState';
import { PrometheusClient } from './PrometheusClient';
import { SloCollector } from './SloCollector';
import { RawSeries, syntheticHistory } from './testing/syntheticHistory';
import {
  TestPrometheus,
  removeTestPrometheus,
  startTestPrometheus,
} from './testing/startTestPrometheus';

// A real Prometheus (scripts/system-deps.sh installs it) serving 35 days of generated samples.
// Expected rollups and budgets are computed below straight from those raw samples.

jest.setTimeout(120_000);

const DAY = 86400;
const END = 1_790_000_100; // a multiple of 300: the last sample
const history = syntheticHistory(END);

function lowerBound(samples: Array<[number, number]>, t: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (samples[mid][0] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Events a counter shows in the bucket (b, b + 300]: every increment between two consecutive
 * samples counts in the bucket of the later one (a drop is a restart from 0), however long
 * before the earlier one was. Undefined without a sample in the bucket (no data).
 */
function eventsIn(s: RawSeries, b: number) {
  const i0 = lowerBound(s.samples, b + 1);
  const i1 = lowerBound(s.samples, b + 301);
  if (i1 === i0) return undefined;
  let sum = 0;
  for (let i = Math.max(i0, 1); i < i1; i++) {
    const [prev, cur] = [s.samples[i - 1][1], s.samples[i][1]];
    sum += cur >= prev ? cur - prev : cur;
  }
  return sum;
}

function expectedBuckets(slo: Slo, from: number, to: number): RollupBucket[] {
  const job = slo.service;
  const mine = history.series.filter(s => s.labels.job === job);
  const latency = mine.some(s => s.name.startsWith('request_duration'));
  const total = mine.filter(s => (latency ? s.name.endsWith('_count') : true));
  const good = mine.filter(s =>
    latency ? s.labels.le === '0.5' : !s.labels.code.startsWith('5'),
  );
  const buckets: RollupBucket[] = [];
  for (let b = from; b < to; b += 300) {
    const totals = total.map(s => eventsIn(s, b));
    if (totals.every(v => v === undefined)) continue;
    const sum = (xs: Array<number | undefined>) =>
      xs.reduce<number>((a, v) => a + (v ?? 0), 0);
    buckets.push({
      start: b,
      good: sum(good.map(s => eventsIn(s, b))),
      total: sum(totals),
    });
  }
  return buckets;
}

const PAIRS = [
  { severity: 'page', long: 3600, short: 300, factor: 14.4 },
  { severity: 'page', long: 6 * 3600, short: 1800, factor: 6 },
  { severity: 'ticket', long: DAY, short: 7200, factor: 3 },
  { severity: 'ticket', long: 3 * DAY, short: 6 * 3600, factor: 1 },
];

/** Budget, burn rates and alert severity at `now`, by hand from expected buckets. */
function expectedState(slo: Slo, buckets: RollupBucket[], now: number) {
  const burn = (w: number) => {
    const inWindow = buckets.filter(b => b.start >= now - w && b.start < now);
    const total = inWindow.reduce((a, b) => a + b.total, 0);
    const bad = inWindow.reduce((a, b) => a + b.total - b.good, 0);
    return total > 0 ? bad / total / (1 - slo.target) : undefined;
  };
  const firing = PAIRS.filter(p => {
    const [l, s] = [burn(p.long), burn(p.short)];
    return l !== undefined && s !== undefined && l > p.factor && s > p.factor;
  });
  const period = burn(30 * DAY);
  let severity = 'none';
  if (firing.some(p => p.severity === 'page')) severity = 'page';
  else if (firing.length) severity = 'ticket';
  else if (
    PAIRS.every(p => burn(p.long) === undefined && burn(p.short) === undefined)
  )
    severity = 'no-data';
  return {
    remaining: period === undefined ? undefined : 1 - period,
    burn,
    severity,
    firing: firing.map(p => p.long),
  };
}

/**
 * Matches a value computed in another order of float sums, so only 9 digits need agree;
 * an absent value (no data) has to stay absent rather than read as a number.
 */
function closeToOrAbsent(expected: number | undefined) {
  return expected === undefined ? undefined : expect.closeTo(expected, 9);
}

function capturingLogger(lines: string[]): LoggerService {
  const log = (m: string, meta?: unknown) =>
    lines.push(`${m} ${meta ? JSON.stringify(meta) : ''}`);
  const logger: LoggerService = {
    error: log,
    warn: log,
    info: log,
    debug: log,
    child: () => logger,
  };
  return logger;
}

describe('SloCollector against a real Prometheus', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  let prometheus: TestPrometheus | undefined;

  beforeAll(async () => {
    prometheus = await startTestPrometheus(history.series);
  });

  afterAll(async () => {
    await prometheus?.stop();
    removeTestPrometheus(prometheus);
  });

  async function createStore(id: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(id);
    return DatabaseSloRollupStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
  }

  describe.each(databases.eachSupportedId())('into %p', databaseId => {
    it('backfills every SLO in one request per pass; rollups and budgets match the raw samples', async () => {
      const store = await createStore(databaseId);
      const client = new PrometheusClient({ baseUrl: prometheus!.baseUrl });
      const collector = new SloCollector({
        client,
        store,
        logger: capturingLogger([]),
        maxBackfillSeconds: 35 * DAY,
        lagSeconds: 0,
      });
      const report = await collector.collect(history.slos, END);
      expect(report.failed).toEqual([]);
      // 9 SLOs × 35 days = 90,720 buckets: two passes of at most 50,000, each one request
      // shared by every SLO (9 SLOs × (SLO window + 7 alert windows) would be 72 queries).
      expect(report.passes).toBe(2);
      expect(report.requests).toBe(2);
      expect(report.behind).toEqual([]);

      const from = END - 35 * DAY;
      for (const slo of history.slos) {
        const expected = expectedBuckets(slo, from, END);
        const stored = await store.readBuckets(slo.id, from, END);
        expect(stored.map(b => b.start)).toEqual(expected.map(b => b.start));
        stored.forEach((b, i) => {
          expect(b.total).toBeCloseTo(expected[i].total, 6);
          expect(b.good).toBeCloseTo(expected[i].good, 6);
        });

        const state = computeSloState(slo, stored, END);
        const want = expectedState(slo, expected, END);
        expect(state.budgetRemaining).toEqual(closeToOrAbsent(want.remaining));
        expect(state.burnRates.map(r => [r.windowSeconds, r.burnRate])).toEqual(
          state.burnRates.map(r => [
            r.windowSeconds,
            closeToOrAbsent(want.burn(r.windowSeconds)),
          ]),
        );
        expect(state.alert.severity).toBe(want.severity);
        expect(state.alert.firing.map(f => f.longWindow)).toEqual(want.firing);
        expect(state.stale).toBe(false);
      }

      // The scenarios exercise what they are named after.
      const severity = Object.fromEntries(
        history.slos.map(s => [
          s.service,
          expectedState(s, expectedBuckets(s, from, END), END).severity,
        ]),
      );
      expect(severity).toEqual({
        healthy: 'none',
        fastburn: 'page',
        slowburn: 'ticket',
        idle: 'no-data',
        restarts: 'none',
        gappy: 'none',
        arith: 'none',
        offset: 'none',
        // Only with the gap's errors counted: the 3d/6h ticket alert.
        outage: 'ticket',
      });
      const idle = await store.readBuckets('idle/availability', from, END);
      expect(idle).toHaveLength(35 * 288);
      expect(idle.every(b => b.total === 0)).toBe(true);
      const gappy = await store.readBuckets('gappy/availability', from, END);
      // 6 hours without scrapes: 72 buckets, the last of which holds the first sample after
      // the gap and with it every request counted during the gap.
      expect(gappy).toHaveLength(35 * 288 - 71);

      // Incremental: nothing new, nothing asked.
      const again = await collector.collect(history.slos, END);
      expect(again.requests).toBe(0);
      expect(again.collected).toHaveLength(history.slos.length);
    });

    it('backfills more than one pass holds over several cycles, each pass within its ceiling', async () => {
      const store = await createStore(databaseId);
      const client = new PrometheusClient({ baseUrl: prometheus!.baseUrl });
      const CEILING = 4000;
      // Every pass's writes and every range query it sends, to check them against the ceiling.
      const passes: number[] = [];
      const saveCollection = store.saveCollection.bind(store);
      jest.spyOn(store, 'saveCollection').mockImplementation(async writes => {
        passes.push(writes.buckets.reduce((n, w) => n + w.buckets.length, 0));
        return saveCollection(writes);
      });
      const spans: number[] = [];
      const queryRange = client.queryRange.bind(client);
      jest
        .spyOn(client, 'queryRange')
        .mockImplementation(async (query, start, end, step) => {
          spans.push((end - start) / step + 1);
          return queryRange(query, start, end, step);
        });
      // A clock past the budget after each pass: one pass per cycle.
      let t = 0;
      const collector = new SloCollector({
        client,
        store,
        logger: capturingLogger([]),
        maxBackfillSeconds: 7 * DAY,
        lagSeconds: 0,
        maxBucketsPerPass: CEILING,
        cycleBudgetMs: 1000,
        clock: () => (t += 1000),
      });
      const slos = history.slos;
      const cycles = [];
      for (let i = 0; i < 10; i++) {
        const report = await collector.collect(slos, END);
        cycles.push(report);
        if (report.behind.length === 0) break;
      }
      // ⌈9 × 2016 / 4000⌉ = 5 passes, one a cycle; every SLO behind until the last one.
      expect(cycles.map(c => c.passes)).toEqual([1, 1, 1, 1, 1]);
      expect(cycles.slice(0, 4).every(c => c.behind.length > 0)).toBe(true);
      expect(cycles[4].collected.sort()).toEqual(slos.map(s => s.id).sort());
      // Written buckets per pass, and buckets per SLO per query (plus the counter lookback's
      // 72 edges and the first edge), stay within the ceiling.
      expect(passes).toHaveLength(5);
      expect(Math.max(...passes)).toBeLessThanOrEqual(CEILING);
      expect(Math.max(...spans)).toBeLessThanOrEqual(
        Math.ceil(CEILING / slos.length) + 73,
      );

      // The result is what one unbounded cycle stores.
      const from = END - 7 * DAY;
      let stored = 0;
      for (const slo of slos) {
        const expected = expectedBuckets(slo, from, END);
        const buckets = await store.readBuckets(slo.id, from, END);
        expect(buckets.map(b => b.start)).toEqual(expected.map(b => b.start));
        buckets.forEach((b, i) => {
          expect(b.total).toBeCloseTo(expected[i].total, 6);
          expect(b.good).toBeCloseTo(expected[i].good, 6);
        });
        stored += buckets.length;
      }
      expect(passes.reduce((a, b) => a + b, 0)).toBe(stored);

      // With time to spare, the same backfill is one cycle of several passes.
      const fresh = await createStore(databaseId);
      const unhurried = new SloCollector({
        client,
        store: fresh,
        logger: capturingLogger([]),
        maxBackfillSeconds: 7 * DAY,
        lagSeconds: 0,
        maxBucketsPerPass: CEILING,
      });
      const once = await unhurried.collect(slos, END);
      expect(once.passes).toBe(5);
      expect(once.behind).toEqual([]);
      expect(once.collected).toHaveLength(slos.length);
      for (const slo of slos) {
        expect(await fresh.readBuckets(slo.id, from, END)).toEqual(
          await store.readBuckets(slo.id, from, END),
        );
      }
    });
  });

  it('marks SLOs stale while Prometheus is down and fills the gap on recovery', async () => {
    const store = await createStore('SQLITE_3');
    const lines: string[] = [];
    const collectorFor = (baseUrl: string) =>
      new SloCollector({
        client: new PrometheusClient({
          // Credentials in the URL and the header must never reach a message.
          baseUrl: baseUrl.replace('://', '://scraper:p4ssw0rd@'),
          authorization: 'Bearer s3cret-token',
        }),
        store,
        logger: capturingLogger(lines),
        maxBackfillSeconds: 7 * DAY,
        lagSeconds: 0,
        attempts: 3,
        retryDelayMs: 10,
        exprsPerRequest: 5,
      });
    const firstGood = END - 2 * DAY;
    const first = await collectorFor(prometheus!.baseUrl).collect(
      history.slos,
      firstGood,
    );
    expect(first.failed).toEqual([]);
    // 16 counters read at bucket edges (newest, largest and smallest value) and 2 queries
    // evaluated per bucket: 50 expressions, 5 per request.
    expect(first.requests).toBe(10);

    const downUrl = prometheus!.baseUrl;
    await prometheus!.stop();
    const down = await collectorFor(downUrl).collect(history.slos, END - DAY);
    // Every request tried 3 times, then given up; nothing thrown.
    expect(down.requests).toBe(30);
    expect(down.failed.map(f => f.sloId).sort()).toEqual(
      history.slos.map(s => s.id).sort(),
    );
    const states = await store.getCollectionStates(history.slos.map(s => s.id));
    for (const slo of history.slos) {
      const state = states.get(slo.id)!;
      expect(state).toMatchObject({
        stale: true,
        lastSuccessAt: new Date(firstGood * 1000).toISOString(),
        lastBucket: firstGood - 300,
      });
      expect(state.lastError).toMatch(/unreachable/);
      const buckets = await store.readBuckets(slo.id, 0, END);
      expect(
        computeSloState(slo, buckets, END - DAY, { collection: state }).stale,
      ).toBe(true);
    }
    expect(lines.some(l => /retrying/.test(l))).toBe(true);
    const said = [...lines, ...down.failed.map(f => f.error)].join('\n');
    expect(said).not.toMatch(/s3cret|p4ssw0rd|Bearer/);

    await prometheus!.restart();
    const recovered = await collectorFor(prometheus!.baseUrl).collect(
      history.slos,
      END,
    );
    expect(recovered.failed).toEqual([]);
    for (const slo of history.slos) {
      const from = END - 7 * DAY;
      const stored = await store.readBuckets(slo.id, from, END);
      const expected = expectedBuckets(slo, from, END);
      expect(stored.map(b => b.start)).toEqual(expected.map(b => b.start));
      stored.forEach((b, i) => expect(b.good).toBeCloseTo(expected[i].good, 6));
      const state = (await store.getCollectionStates([slo.id])).get(slo.id);
      expect(state).toMatchObject({ stale: false, lastBucket: END - 300 });
    }
  });
});
