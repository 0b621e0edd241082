import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { DatabaseGateDecisionStore } from './GateDecisionStore';

jest.setTimeout(60_000);

const T0 = Date.UTC(2026, 9, 1); // 2026-10-01T00:00Z
const H = 3_600_000;
const A = 'component:default/a';
const B = 'component:default/b';

describe('DatabaseGateDecisionStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('counts answers and denials per entity in a half-open period, and deletes old ones', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseGateDecisionStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const answers: Array<[string, number, boolean]> = [
        [A, -1, false], // before the period
        [A, 0, false], // at its start: in
        [A, 5, true],
        [A, 6, false],
        [B, 7, true],
        [B, 24 * 31 - 1, false], // the last hour of October: in
        [B, 24 * 31, false], // November: out
      ];
      for (const [entityRef, hour, allowed] of answers) {
        await store.record({
          entityRef,
          decidedAt: T0 + hour * H,
          allowed,
          changeType: allowed ? undefined : 'normal',
          reasons: allowed ? [] : ['budget exhausted'],
        });
      }
      // By hand from the list: A 3 answers, 2 denied; B 2 answers, 1 denied.
      expect(
        await store.countByEntity({ from: T0, to: Date.UTC(2026, 10, 1) }),
      ).toEqual([
        { entityRef: A, decisions: 3, denials: 2 },
        { entityRef: B, decisions: 2, denials: 1 },
      ]);
      expect(
        await store.countByEntity({ from: T0 + 8 * H, to: T0 + 9 * H }),
      ).toEqual([]);

      expect(await store.deleteBefore(T0 + 6 * H)).toBe(3);
      expect(
        await store.countByEntity({ from: 0, to: Date.UTC(2027, 0, 1) }),
      ).toEqual([
        { entityRef: A, decisions: 1, denials: 1 },
        { entityRef: B, decisions: 3, denials: 2 },
      ]);
    });

    it('migrates down and up over stored answers', async () => {
      const knex = await databases.init(databaseId);
      const migrations = { directory: `${__dirname}/../../migrations` };
      const store = await DatabaseGateDecisionStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      await store.record({
        entityRef: A,
        decidedAt: T0,
        allowed: false,
        reasons: ['x'],
      });
      await knex.migrate.down(migrations);
      expect(await knex.schema.hasTable('slo_gate_decisions')).toBe(false);
      // The rollup tables of the earlier migrations are untouched.
      expect(await knex.schema.hasTable('slo_rollups_daily')).toBe(true);
      await knex.migrate.latest(migrations);
      expect(await store.countByEntity({ from: 0, to: T0 + H })).toEqual([]);
      await store.record({
        entityRef: A,
        decidedAt: T0,
        allowed: true,
        reasons: [],
      });
      expect(await store.countByEntity({ from: 0, to: T0 + H })).toEqual([
        { entityRef: A, decisions: 1, denials: 0 },
      ]);
    });
  });
});
