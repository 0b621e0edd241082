import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { DatabaseSloRollupStore } from './SloRollupStore';

jest.setTimeout(60_000);

const T0 = 1_795_000_200; // a multiple of 300

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
