import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { DatabaseSloRollupStore } from './SloRollupStore';

jest.setTimeout(60_000);

const T0 = 1_795_000_200; // a multiple of 300
const DAY = 86400;

describe('DatabaseSloRollupStore', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseSloRollupStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    return { knex, store };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('keeps 10-second buckets when configured, summing them through hours and days', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloRollupStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
        bucketSeconds: 10,
      });
      // Two days and a bit of 10-second buckets, 1 bad event in every 7th.
      const buckets = Array.from({ length: 2 * 8640 + 100 }, (_, i) => ({
        start: T0 + i * 10,
        good: i % 7 === 0 ? 4 : 5,
        total: 5,
      }));
      await store.upsertBuckets('svc/fine', buckets);
      const ranges = [
        { from: T0 + 25, to: T0 + 2 * DAY - 35 },
        { from: T0 + 3600 - 10, to: T0 + 3600 + 20 },
      ];
      const [sums] = [
        ...(await store.sumRanges([{ sloId: 'svc/fine', ranges }])).values(),
      ];
      ranges.forEach((r, i) => {
        const inside = buckets.filter(b => b.start >= r.from && b.start < r.to);
        expect(sums[i]).toEqual({
          good: inside.reduce((a, b) => a + b.good, 0),
          total: inside.reduce((a, b) => a + b.total, 0),
          lastBucket: inside[inside.length - 1].start,
        });
      });
      await expect(
        store.upsertBuckets('svc/fine', [{ start: T0 + 5, good: 1, total: 1 }]),
      ).rejects.toThrow(
        'buckets: start 1795000205 is not a multiple of 10 epoch seconds',
      );
      await expect(
        DatabaseSloRollupStore.create({
          database: mockServices.database({ knex, migrations: { skip: true } }),
          bucketSeconds: 120,
        }),
      ).rejects.toThrow(
        'slo.bucketSeconds: must be a whole number of seconds dividing 300, got 120',
      );
    });

    it('upserts idempotently and reads half-open ranges oldest first', async () => {
      const { store } = await createStore(databaseId);
      expect(await store.lastBucket('svc/a')).toBeUndefined();
      expect(await store.readBuckets('svc/a', 0, T0 * 2)).toEqual([]);

      await store.upsertBuckets('svc/a', [
        { start: T0 + 300, good: 9, total: 10 },
        { start: T0, good: 100, total: 100 },
        { start: T0 + 600, good: 0, total: 0 },
      ]);
      await store.upsertBuckets('svc/b', [{ start: T0, good: 1, total: 2 }]);
      // Re-writing the same range replaces, never adds.
      await store.upsertBuckets('svc/a', [
        { start: T0 + 300, good: 9.5, total: 10 },
        { start: T0, good: 100, total: 100 },
      ]);

      expect(await store.readBuckets('svc/a', T0, T0 + 900)).toEqual([
        { start: T0, good: 100, total: 100 },
        { start: T0 + 300, good: 9.5, total: 10 },
        { start: T0 + 600, good: 0, total: 0 },
      ]);
      // [from, to): the bucket starting at `to` is excluded.
      expect(await store.readBuckets('svc/a', T0 + 300, T0 + 600)).toEqual([
        { start: T0 + 300, good: 9.5, total: 10 },
      ]);
      expect(await store.lastBucket('svc/a')).toBe(T0 + 600);
      expect(await store.lastBucket('svc/b')).toBe(T0);
    });

    it('writes large batches in chunks', async () => {
      const { store } = await createStore(databaseId);
      const buckets = Array.from({ length: 1000 }, (_, i) => ({
        start: T0 + i * 300,
        good: i,
        total: i,
      }));
      await store.upsertBuckets('svc/big', buckets);
      await store.upsertBuckets('svc/big', buckets);
      const read = await store.readBuckets('svc/big', 0, T0 * 2);
      expect(read).toHaveLength(1000);
      expect(read[999]).toEqual({
        start: T0 + 999 * 300,
        good: 999,
        total: 999,
      });
    });

    it('rejects misaligned or inconsistent buckets naming the field', async () => {
      const { store } = await createStore(databaseId);
      await expect(
        store.upsertBuckets('svc/a', [{ start: T0 + 1, good: 1, total: 1 }]),
      ).rejects.toThrow(/^buckets: start .* multiple of 300/);
      await expect(
        store.upsertBuckets('svc/a', [{ start: T0, good: 2, total: 1 }]),
      ).rejects.toThrow(/^buckets: .*0 <= good <= total/);
      expect(await store.lastBucket('svc/a')).toBeUndefined();
    });

    it('records collection state', async () => {
      const { store } = await createStore(databaseId);
      await store.recordCollection({
        sloId: 'svc/a',
        lastBucket: T0,
        lastSuccessAt: '2026-11-22T01:00:00.000Z',
        stale: false,
      });
      await store.recordCollection({
        sloId: 'svc/b',
        lastError: 'prometheus: 503',
        stale: true,
      });
      await store.recordCollection({
        sloId: 'svc/a',
        lastBucket: T0 + 300,
        lastSuccessAt: '2026-11-22T01:05:00.000Z',
        stale: false,
      });
      const states = await store.getCollectionStates(['svc/a', 'svc/b', 'x/y']);
      expect(Object.fromEntries(states)).toEqual({
        'svc/a': {
          sloId: 'svc/a',
          lastBucket: T0 + 300,
          lastSuccessAt: '2026-11-22T01:05:00.000Z',
          stale: false,
        },
        'svc/b': { sloId: 'svc/b', lastError: 'prometheus: 503', stale: true },
      });
    });

    it('saves a cycle in one transaction and keeps hourly and daily sums in step', async () => {
      const { knex, store } = await createStore(databaseId);
      const D = 1_795_132_800; // a UTC midnight
      const day = (good: number) =>
        Array.from({ length: 288 }, (_, i) => ({
          start: D + i * 300,
          good,
          total: 2,
        }));
      await store.saveCollection({
        buckets: [
          { sloId: 'svc/a', buckets: day(2) },
          { sloId: 'svc/b', buckets: day(1) },
        ],
        states: [
          { sloId: 'svc/a', lastBucket: D + DAY - 300, stale: false },
          { sloId: 'svc/b', lastError: 'x', stale: true },
        ],
      });
      // A late bucket in the middle replaces one; a new one starts the next day.
      await store.saveCollection({
        buckets: [
          {
            sloId: 'svc/a',
            buckets: [
              { start: D + 3600, good: 0, total: 10 },
              { start: D + DAY, good: 5, total: 5 },
            ],
          },
        ],
        states: [],
      });
      const ranges = [
        { from: D, to: D + 2 * DAY }, // whole days
        { from: D + 1800, to: D + 7200 }, // edges and one hour
        { from: D + DAY + 1, to: D + 2 * DAY }, // nothing
      ];
      const sums = await store.sumRanges([
        { sloId: 'svc/a', ranges },
        { sloId: 'svc/b', ranges },
        { sloId: 'svc/none', ranges: ranges.slice(0, 1) },
      ]);
      expect(sums.get('svc/a')).toEqual([
        { good: 287 * 2 + 5, total: 287 * 2 + 10 + 5, lastBucket: D + DAY },
        { good: 17 * 2, total: 17 * 2 + 10, lastBucket: D + 7200 - 300 },
        { good: 0, total: 0, lastBucket: undefined },
      ]);
      expect(sums.get('svc/b')![0]).toEqual({
        good: 288,
        total: 576,
        lastBucket: D + DAY - 300,
      });
      expect(sums.get('svc/none')).toEqual([
        { good: 0, total: 0, lastBucket: undefined },
      ]);
      expect(await store.readHourlyBuckets('svc/a', D, D + 2 * 3600)).toEqual([
        { start: D, good: 24, total: 24 },
        { start: D + 3600, good: 22, total: 32 },
      ]);
      expect(
        Object.fromEntries(await store.lastBuckets(['svc/a', 'svc/b', 'x'])),
      ).toEqual({ 'svc/a': D + DAY, 'svc/b': D + DAY - 300 });
      expect((await store.getCollectionStates(['svc/b'])).get('svc/b')).toEqual(
        { sloId: 'svc/b', lastError: 'x', stale: true },
      );

      // One bad bucket fails the whole write: nothing of it lands.
      await expect(
        store.saveCollection({
          buckets: [
            { sloId: 'svc/c', buckets: [{ start: D, good: 1, total: 1 }] },
            { sloId: 'svc/d', buckets: [{ start: D, good: 2, total: 1 }] },
          ],
          states: [{ sloId: 'svc/c', stale: false }],
        }),
      ).rejects.toThrow(/0 <= good <= total/);
      expect(await store.lastBucket('svc/c')).toBeUndefined();
      expect(await knex('slo_rollups_hourly').where('slo_id', 'svc/c')).toEqual(
        [],
      );
    });

    it('deletes buckets and their hourly and daily sums before a UTC midnight, SLO by SLO', async () => {
      const { knex, store } = await createStore(databaseId);
      const D = 1_795_132_800; // a UTC midnight
      // Three days of two SLOs and twelve of a third.
      const days = (n: number, good: number) =>
        Array.from({ length: n * 288 }, (_, i) => ({
          start: D + i * 300,
          good,
          total: 2,
        }));
      await store.saveCollection({
        buckets: [
          { sloId: 'svc/a', buckets: days(3, 2) },
          { sloId: 'svc/b', buckets: days(3, 1) },
          { sloId: 'svc/c', buckets: days(12, 0) },
        ],
        states: [],
      });
      const count = async (table: string) =>
        Number((await knex(table).count({ n: '*' }))[0].n);
      expect(await count('slo_rollups')).toBe(18 * 288);

      await expect(store.deleteRollupsBefore(D + 3600)).rejects.toThrow(
        /^cutoff: must be a UTC midnight/,
      );
      const cutoff = D + 2 * DAY;
      expect(await store.deleteRollupsBefore(cutoff)).toEqual({
        // a and b: 2 days each; c: 2 days.
        buckets: 6 * 288,
        hours: 6 * 24,
        days: 6,
      });
      // What is left is exactly the buckets from the cutoff on, and its sums add up to them.
      expect(await count('slo_rollups')).toBe((1 + 1 + 10) * 288);
      for (const [sloId, good, n] of [
        ['svc/a', 2, 1],
        ['svc/b', 1, 1],
        ['svc/c', 0, 10],
      ] as const) {
        const left = await store.readBuckets(sloId, 0, D + 20 * DAY);
        expect(left[0].start).toBe(cutoff);
        expect(left).toHaveLength(n * 288);
        const [sum] = (
          await store.sumRanges([
            { sloId, ranges: [{ from: 0, to: D + 20 * DAY }] },
          ])
        ).get(sloId)!;
        expect(sum).toEqual({
          good: good * n * 288,
          total: 2 * n * 288,
          lastBucket: cutoff + n * DAY - 300,
        });
        expect(
          (await store.readHourlyBuckets(sloId, 0, D + 20 * DAY)).map(
            h => h.start,
          )[0],
        ).toBe(cutoff);
      }
      expect(
        await knex('slo_rollups_daily').where('day_start', '<', cutoff),
      ).toEqual([]);
      // Again: nothing left to delete.
      expect(await store.deleteRollupsBefore(cutoff)).toEqual({
        buckets: 0,
        hours: 0,
        days: 0,
      });
    });

    it('derives hourly and daily sums from stored buckets when migrating up', async () => {
      const { knex, store } = await createStore(databaseId);
      const migrations = { directory: `${__dirname}/../../migrations` };
      // Down past the coarse rollups, whatever later migrations sit on top of them.
      const downToFineBuckets = async () => {
        for (
          let steps = 0;
          steps < 10 && (await knex.schema.hasTable('slo_rollups_daily'));
          steps++
        ) {
          await knex.migrate.down(migrations);
        }
      };
      await downToFineBuckets();
      expect(await knex.schema.hasTable('slo_rollups_hourly')).toBe(false);
      await knex('slo_rollups').insert([
        { slo_id: 'svc/a', bucket_start: T0, good: 1, total: 2 },
        { slo_id: 'svc/a', bucket_start: T0 + 300, good: 3, total: 3 },
        { slo_id: 'svc/a', bucket_start: T0 + DAY, good: 0, total: 0 },
      ]);
      await knex.migrate.latest(migrations);
      const [sums] = (
        await store.sumRanges([
          {
            sloId: 'svc/a',
            ranges: [{ from: T0 - 3 * DAY, to: T0 + 3 * DAY }],
          },
        ])
      ).get('svc/a')!;
      expect(sums).toEqual({ good: 4, total: 5, lastBucket: T0 + DAY });
      expect(await knex('slo_rollups_daily')).toHaveLength(2);
      await downToFineBuckets();
      expect(await knex.schema.hasTable('slo_rollups_daily')).toBe(false);
      expect(await knex('slo_rollups')).toHaveLength(3);
    });

    it('migrates down and up again over real rows', async () => {
      const { knex, store } = await createStore(databaseId);
      await store.upsertBuckets('svc/a', [{ start: T0, good: 1, total: 1 }]);
      await store.recordCollection({ sloId: 'svc/a', stale: false });
      const migrations = { directory: `${__dirname}/../../migrations` };
      await knex.migrate.rollback(migrations, true);
      expect(await knex.schema.hasTable('slo_rollups')).toBe(false);
      expect(await knex.schema.hasTable('slo_collection_state')).toBe(false);
      await knex.migrate.latest(migrations);
      expect(await knex.schema.hasTable('slo_rollups')).toBe(true);
      expect(await knex.schema.hasTable('slo_collection_state')).toBe(true);
      await store.upsertBuckets('svc/a', [{ start: T0, good: 1, total: 1 }]);
      expect(await store.lastBucket('svc/a')).toBe(T0);
    });
  });
});
