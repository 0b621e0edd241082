import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import {
  RollupBucket,
  Slo,
  Window,
  rollingWindowSeries,
} from '@internal/plugin-slo-common';
import { DatabaseSloRollupStore } from '../database/SloRollupStore';
import { SloRegistry } from '../specs/SloRegistry';
import { computeSloState, stateRange } from '../state/computeSloState';
import { SloService } from './SloService';

jest.setTimeout(180_000);

const DAY = 86400;
const END = 1_795_000_200;

/** Park–Miller, so a failure reproduces from its seed. */
function prng(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

function slo(id: string, window: Window, target = 0.99): Slo {
  return {
    id,
    name: id.split('/')[1],
    service: id.split('/')[0],
    objectivePercent: target * 100,
    target,
    window,
    indicator: { kind: 'availability', goodQuery: 'g', totalQuery: 't' },
    budgeting: { method: 'occurrences' },
    source: { format: 'plain', file: 'slos.yaml' },
  };
}

const SLOS: Slo[] = [
  slo('a/rolling-30d', { kind: 'rolling', seconds: 30 * DAY }),
  slo('b/rolling-7d', { kind: 'rolling', seconds: 7 * DAY }, 0.999),
  slo('c/rolling-90m', { kind: 'rolling', seconds: 5400 }),
  // Loose enough that the burning hours consume part of the budget: a policy step in force.
  slo('i/rolling-30d-loose', { kind: 'rolling', seconds: 30 * DAY }, 0.9),
  slo('d/month-utc', { kind: 'calendar', unit: 'month' }),
  // Midnights off the hour: the window edges fall inside an hour.
  slo(
    'e/week-kolkata',
    { kind: 'calendar', unit: 'week', timeZone: 'Asia/Kolkata' },
    1,
  ),
  slo('f/quarter-st-johns', {
    kind: 'calendar',
    unit: 'quarter',
    timeZone: 'America/St_Johns',
  }),
  slo('g/no-buckets', { kind: 'rolling', seconds: 30 * DAY }),
  slo('h/only-old-buckets', { kind: 'rolling', seconds: DAY }),
];

/**
 * Hour by hour: full, missing (no data), no traffic, a random subset, or burning; integer
 * counts, so any summation order gives the same floats and states must be equal, not close.
 */
function history(random: () => number, from: number, to: number) {
  const out: RollupBucket[] = [];
  for (let hour = from; hour < to; hour += 3600) {
    const mode = random();
    for (let start = hour; start < hour + 3600; start += 300) {
      if (mode < 0.15) continue;
      if (mode < 0.3) {
        out.push({ start, good: 0, total: 0 });
      } else if (mode < 0.45 && random() < 0.5) {
        continue;
      } else {
        const total = Math.floor(random() * 1000);
        const bad =
          mode > 0.9
            ? Math.floor(random() * total)
            : Math.floor(random() * random() * total * 0.02);
        out.push({ start, good: total - bad, total });
      }
    }
  }
  return out;
}

function shuffle<T>(random: () => number, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('SloService state from hourly and daily sums', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('equals the straightforward computation over raw buckets on random histories', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloRollupStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const random = prng(20261124);
      // Written in shuffled batches, then partly rewritten late: the coarse sums must follow.
      const writes: Array<{ sloId: string; buckets: RollupBucket[] }> = [];
      for (const s of SLOS) {
        if (s.id === 'g/no-buckets') continue;
        const to = s.id === 'h/only-old-buckets' ? END - 3 * DAY : END + DAY;
        const buckets = history(random, END - 33 * DAY, to);
        for (let i = 0; i < buckets.length; i += 700) {
          writes.push({ sloId: s.id, buckets: buckets.slice(i, i + 700) });
        }
        const late = buckets.filter(() => random() < 0.05);
        writes.push({
          sloId: s.id,
          buckets: late.map(b => ({ ...b, good: 0, total: b.total + 1 })),
        });
      }
      const shuffled = shuffle(random, writes);
      for (let i = 0; i < shuffled.length; i += 7) {
        await store.saveCollection({
          buckets: shuffled.slice(i, i + 7),
          states: [],
        });
      }
      await store.recordCollection({
        sloId: 'a/rolling-30d',
        lastBucket: END,
        lastSuccessAt: '2026-11-22T01:00:00.000Z',
        stale: false,
      });

      const registry = new SloRegistry();
      registry.replace([
        { entityRef: 'component:default/x', slos: SLOS, errors: [] },
      ]);
      const nows = [
        END,
        END + 1,
        END - 7 * DAY + 4321,
        END - 2 * DAY - 299,
        END - 20 * DAY + 3600 * 5 + 17,
      ];
      const statuses = new Set<string>();
      for (const now of nows) {
        const service = new SloService({ registry, store, now: () => now });
        const fast = await service.list();
        const collection = await store.getCollectionStates(SLOS.map(s => s.id));
        for (const item of fast) {
          // Every bucket (some lie past this `now`), reaching back past the evaluation
          // time's windows: the reference finds the evaluation time in them itself.
          const range = stateRange(item.slo, now);
          const buckets = await store.readBuckets(
            item.slo.id,
            range.from - 40 * DAY,
            END + 2 * DAY,
          );
          expect({ now, state: item.state }).toEqual({
            now,
            state: computeSloState(item.slo, buckets, now, {
              collection: collection.get(item.slo.id),
            }),
          });
        }
        for (const item of fast) statuses.add(item.state.status);
      }
      // The random histories reach every status, so the comparison covers them all.
      expect(statuses).toEqual(
        new Set(['healthy', 'warning', 'critical', 'no-data']),
      );
    });

    it('reads the history from hourly sums when the step is whole hours, with the same points', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloRollupStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const random = prng(11);
      const slos = [SLOS[1], SLOS[2]]; // 7 days, and 90 minutes (not whole hours)
      for (const s of slos) {
        await store.upsertBuckets(s.id, history(random, END - 15 * DAY, END));
      }
      const registry = new SloRegistry();
      registry.replace([
        { entityRef: 'component:default/x', slos, errors: [] },
      ]);
      const now = END - 1234;
      const service = new SloService({ registry, store, now: () => now });
      for (const [s, resolution] of [
        [slos[0], 3600],
        [slos[0], 6 * 3600],
        [slos[1], 3600],
      ] as const) {
        const window = (s.window as { seconds: number }).seconds;
        const to = Math.ceil(now / resolution) * resolution;
        const from = to - window + resolution;
        const raw = await store.readBuckets(s.id, from - window, to);
        const { history: points } = await service.get(s.id, resolution);
        expect(points).toEqual(
          rollingWindowSeries(raw, window, resolution, s.target, { from, to }),
        );
      }
    });

    it('sums fractional counts to within float rounding of the raw sums', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloRollupStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const random = prng(7);
      const buckets = history(random, END - 31 * DAY, END).map(b => ({
        start: b.start,
        good: b.good / 3,
        total: b.total / 3,
      }));
      await store.upsertBuckets('a/rolling-30d', buckets);
      const registry = new SloRegistry();
      registry.replace([
        { entityRef: 'component:default/x', slos: [SLOS[0]], errors: [] },
      ]);
      const now = END - 777;
      const [fast] = await new SloService({
        registry,
        store,
        now: () => now,
      }).list();
      const range = stateRange(SLOS[0], now);
      const reference = computeSloState(
        SLOS[0],
        await store.readBuckets(SLOS[0].id, range.from, range.to),
        now,
      );
      expect(fast.state.status).toBe(reference.status);
      expect(fast.state.good).toBeCloseTo(reference.good, 6);
      expect(fast.state.total).toBeCloseTo(reference.total, 6);
      expect(fast.state.budgetRemaining).toBeCloseTo(
        reference.budgetRemaining!,
        9,
      );
      expect(fast.state.lastBucket).toBe(reference.lastBucket);
    });
  });
});

describe('SloService with many readers at once', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('answers concurrent reads of the same SLOs from one computation, and later reads afresh', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseSloRollupStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const slos = SLOS.slice(0, 2);
    await store.saveCollection({
      buckets: slos.map(s => ({
        sloId: s.id,
        buckets: [{ start: END - 300, good: 9, total: 10 }],
      })),
      states: [],
    });
    const registry = new SloRegistry();
    registry.replace([{ entityRef: 'component:default/x', slos, errors: [] }]);
    const service = new SloService({ registry, store, now: () => END });
    const sums = jest.spyOn(store, 'sumRanges');

    const together = await Promise.all(
      Array.from({ length: 20 }, () => service.entity('component:default/x')),
    );
    expect(sums).toHaveBeenCalledTimes(1);
    expect(new Set(together.map(e => JSON.stringify(e.slos))).size).toBe(1);
    expect(together[0].slos.map(s => s.state.good)).toEqual([9, 9]);

    const details = await Promise.all(
      Array.from({ length: 5 }, () => service.get(slos[0].id, 3600)),
    );
    expect(sums).toHaveBeenCalledTimes(2);
    expect(details[4]).toBe(details[0]);

    // Nothing is kept: a read after the others sees a new bucket.
    await store.saveCollection({
      buckets: [
        {
          sloId: slos[0].id,
          buckets: [{ start: END - 600, good: 1, total: 10 }],
        },
      ],
      states: [],
    });
    const after = await service.entity('component:default/x');
    expect(sums).toHaveBeenCalledTimes(3);
    expect(after.slos.map(s => s.state.good)).toEqual([10, 9]);
  });

  it('keeps the range sums of collected SLOs until their next collection, computing the state for each read', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseSloRollupStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const slos = SLOS.slice(0, 2);
    const collected = (sloId: string, lastBucket: number, at: number) => ({
      sloId,
      lastBucket,
      lastSuccessAt: new Date(at * 1000).toISOString(),
      stale: false,
    });
    await store.saveCollection({
      buckets: slos.map(s => ({
        sloId: s.id,
        buckets: [{ start: END - 300, good: 9, total: 10 }],
      })),
      states: slos.map(s => collected(s.id, END - 300, END)),
    });
    const registry = new SloRegistry();
    registry.replace([{ entityRef: 'component:default/x', slos, errors: [] }]);
    let now = END;
    const service = new SloService({
      registry,
      store,
      staleAfterSeconds: 900,
      now: () => now,
    });
    const sums = jest.spyOn(store, 'sumRanges');

    const first = await service.list();
    expect(sums).toHaveBeenCalledTimes(1);
    expect(first.map(s => [s.state.good, s.state.stale])).toEqual([
      [9, false],
      [9, false],
    ]);
    expect((await service.list()).map(s => s.state)).toEqual(
      first.map(s => s.state),
    );
    await service.entity('component:default/x');
    await service.gate('component:default/x');
    expect(sums).toHaveBeenCalledTimes(1);

    // No collection for 20 minutes: the same sums, but the state says stale.
    now = END + 1200;
    expect((await service.list()).map(s => s.state.stale)).toEqual([
      true,
      true,
    ]);
    expect(sums).toHaveBeenCalledTimes(1);

    // The next cycle collects the first SLO only: only it is summed again.
    await store.saveCollection({
      buckets: [
        {
          sloId: slos[0].id,
          buckets: [{ start: END, good: 1, total: 10 }],
        },
      ],
      states: [collected(slos[0].id, END, END + 1200)],
    });
    const after = await service.list({ sort: 'id' });
    expect(sums).toHaveBeenCalledTimes(2);
    expect(sums.mock.calls[1][0].map(r => r.sloId)).toEqual([slos[0].id]);
    expect(after.map(s => s.state.good)).toEqual([10, 9]);
  });

  it('keeps the history of a collected SLO until its next collection, per step', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseSloRollupStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const [target] = SLOS;
    const save = (start: number, good: number) =>
      store.saveCollection({
        buckets: [{ sloId: target.id, buckets: [{ start, good, total: 10 }] }],
        states: [
          {
            sloId: target.id,
            lastBucket: start,
            lastSuccessAt: new Date((start + 300) * 1000).toISOString(),
            stale: false,
          },
        ],
      });
    await save(END - 3600, 9);
    const registry = new SloRegistry();
    registry.replace([
      { entityRef: 'component:default/x', slos: [target], errors: [] },
    ]);
    let now = END;
    const service = new SloService({ registry, store, now: () => now });
    const hourly = jest.spyOn(store, 'readHourlyBuckets');
    const raw = jest.spyOn(store, 'readBuckets');

    const first = await service.get(target.id, 3600);
    const again = await service.get(target.id, 3600);
    expect(hourly).toHaveBeenCalledTimes(1);
    expect(again.history).toEqual(first.history);
    // The newest point's rolling window holds the one bucket: 9 good of 10.
    expect(first.history.at(-1)!.sli).toBeCloseTo(0.9, 12);
    await service.get(target.id, 300);
    await service.get(target.id, 300);
    expect(raw).toHaveBeenCalledTimes(1);

    now = END + 3600;
    await save(END, 1);
    const next = await service.get(target.id, 3600);
    expect(hourly).toHaveBeenCalledTimes(2);
    // 10 good of 20 over the two buckets.
    expect(next.history.at(-1)!.sli).toBeCloseTo(0.5, 12);
  });
});
