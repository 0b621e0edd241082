import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { CiResult, DatabaseScorecardStore, StoredDay } from './ScorecardStore';

jest.setTimeout(60_000);

function day(
  entityRef: string,
  d: string,
  score: number | null,
  extra: Partial<StoredDay> = {},
): StoredDay {
  return {
    entityRef,
    day: d,
    level: score === null ? null : 'bronze',
    score,
    evaluatedAt: `${d}T12:00:00.000Z`,
    results: [{ checkId: 'owner', state: 'pass', message: 'owned' }],
    inputsHash: `hash-${score}`,
    ...extra,
  };
}

function ci(
  entityRef: string,
  state: 'pass' | 'fail',
  reportedAt: string,
  extra: Partial<CiResult> = {},
): CiResult {
  return {
    runId: 'r',
    entityRef,
    checkId: 'image-scan',
    state,
    reportedAt,
    reportedBy: 'ci',
    ...extra,
  };
}

describe('DatabaseScorecardStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseScorecardStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    return { knex, store };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('keeps one row per entity per day, writing only changed inputs', async () => {
      const { store } = await createStore(databaseId);
      expect(
        await store.saveDay(
          day('component:default/a', '2026-12-01', 50, {
            owner: 'group:default/x',
          }),
        ),
      ).toBe(true);
      expect(
        await store.saveDay(day('component:default/a', '2026-12-01', 50)),
      ).toBe(false);
      expect(
        await store.saveDay(
          day('component:default/a', '2026-12-01', 60, {
            owner: 'group:default/x',
          }),
        ),
      ).toBe(true);
      await store.saveDay(
        day('component:default/a', '2026-12-03', 80, {
          owner: 'group:default/x',
        }),
      );
      await store.saveDay(
        day('component:default/b', '2026-12-02', 10, {
          system: 'system:default/s',
        }),
      );

      expect(
        (await store.getDay('component:default/a', '2026-12-01'))?.score,
      ).toBe(60);
      expect(
        (await store.listLatest()).map(r => [r.entityRef, r.day, r.score]),
      ).toEqual([
        ['component:default/a', '2026-12-03', 80],
        ['component:default/b', '2026-12-02', 10],
      ]);
      expect(
        (await store.listAsOf('2026-12-02')).map(r => [
          r.entityRef,
          r.day,
          r.score,
        ]),
      ).toEqual([
        ['component:default/a', '2026-12-01', 60],
        ['component:default/b', '2026-12-02', 10],
      ]);
      expect(await store.listAsOf('2026-11-30')).toEqual([]);
      expect(
        (await store.listLatest({ owners: ['group:default/x'] })).map(
          r => r.entityRef,
        ),
      ).toEqual(['component:default/a']);
      expect(
        (await store.listLatest({ system: 'system:default/s' })).map(
          r => r.entityRef,
        ),
      ).toEqual(['component:default/b']);
      expect(
        (await store.history('component:default/a', '2026-12-02')).map(
          r => r.day,
        ),
      ).toEqual(['2026-12-03']);
      expect(
        (await store.history('component:default/a', '2026-01-01')).map(
          r => r.score,
        ),
      ).toEqual([60, 80]);
      const [latest] = await store.listLatest({
        entityRefs: ['component:default/a'],
      });
      expect(latest.results).toEqual([
        { checkId: 'owner', state: 'pass', message: 'owned' },
      ]);

      // The levels alone are those of the newest rows: a's newest day is gold where its
      // older ones were bronze, c has no level yet.
      await store.saveDay(
        day('component:default/a', '2026-12-04', 95, { level: 'gold' }),
      );
      await store.saveDay(day('component:default/c', '2026-12-04', null));
      const levels = await store.listLatestLevels();
      expect(levels).toEqual([
        { entityRef: 'component:default/a', level: 'gold' },
        { entityRef: 'component:default/b', level: 'bronze' },
        { entityRef: 'component:default/c', level: null },
      ]);
      expect(levels).toEqual(
        (await store.listLatest()).map(r => ({
          entityRef: r.entityRef,
          level: r.level,
        })),
      );
    });

    it('saves a pass in chunks: only rows whose inputs changed, each as saveDay would', async () => {
      const { store } = await createStore(databaseId);
      const refs = Array.from(
        { length: 450 },
        (_, i) => `component:default/svc-${i}`,
      );
      const first = await store.saveDays(
        refs.map(r => day(r, '2026-12-01', 50)),
      );
      expect(first.size).toBe(450);
      // Two rows change, one of them given twice (the last wins), and one row of a new day.
      const written = await store.saveDays([
        ...refs.map(r => day(r, '2026-12-01', 50)),
        day(refs[7], '2026-12-01', 60),
        day(refs[7], '2026-12-01', 70),
        day(refs[420], '2026-12-01', 40),
        day(refs[0], '2026-12-02', 50),
      ]);
      expect([...written].sort()).toEqual([refs[0], refs[7], refs[420]].sort());
      expect((await store.getDay(refs[7], '2026-12-01'))?.score).toBe(70);
      expect((await store.getDay(refs[420], '2026-12-01'))?.score).toBe(40);
      expect((await store.getDay(refs[0], '2026-12-02'))?.score).toBe(50);
      expect((await store.getDay(refs[1], '2026-12-01'))?.score).toBe(50);
      expect(await store.saveDay(day(refs[7], '2026-12-01', 70))).toBe(false);
    });

    it('stores a CI run once, counts a retry as duplicates, refuses a changed retry whole', async () => {
      const { store } = await createStore(databaseId);
      const run = [
        ci('component:default/a', 'pass', '2026-12-01T00:00:00.000Z', {
          runId: 'run-1',
        }),
        ci('component:default/b', 'fail', '2026-12-01T00:00:00.000Z', {
          runId: 'run-1',
          message: '2 critical',
        }),
      ];
      expect(await store.insertCiResults('run-1', run)).toEqual({
        inserted: 2,
        duplicates: 0,
      });
      expect(await store.insertCiResults('run-1', run)).toEqual({
        inserted: 0,
        duplicates: 2,
      });
      await expect(
        store.insertCiResults('run-1', [
          ci('component:default/c', 'pass', '2026-12-01T00:00:00.000Z'),
          { ...run[1], state: 'pass' },
        ]),
      ).rejects.toThrow(
        /run run-1 already reported image-scan for component:default\/b as fail/,
      );
      // All or nothing: c of the refused request was not stored.
      expect(
        (await store.latestCiResults()).map(r => r.entityRef).sort(),
      ).toEqual(['component:default/a', 'component:default/b']);
      await store.insertCiResults('run-2', [
        ci('component:default/a', 'fail', '2026-12-02T00:00:00.000Z', {
          runId: 'run-2',
        }),
      ]);
      await store.insertCiResults('run-0', [
        ci('component:default/a', 'pass', '2026-11-30T00:00:00.000Z', {
          runId: 'run-0',
        }),
      ]);
      const latest = await store.latestCiResults(['component:default/a']);
      expect(latest.map(r => [r.runId, r.state])).toEqual([['run-2', 'fail']]);
    });

    it('keeps every exemption and records the first revocation only', async () => {
      const { store } = await createStore(databaseId);
      const e = await store.addExemption({
        entityRef: 'component:default/a',
        checkId: 'image-scan',
        reason: 'base image upgrade scheduled',
        expiresAt: '2027-01-01T00:00:00.000Z',
        createdBy: 'user:default/admin',
        createdAt: '2026-12-01T00:00:00.000Z',
      });
      expect(e.id).toBeGreaterThan(0);
      await store.addExemption({
        ...e,
        checkId: 'owner',
        entityRef: 'component:default/b',
      });
      const revoked = await store.revokeExemption(
        e.id,
        'user:default/one',
        '2026-12-02T00:00:00.000Z',
      );
      await store.revokeExemption(
        e.id,
        'user:default/two',
        '2026-12-03T00:00:00.000Z',
      );
      expect(revoked).toMatchObject({ revokedBy: 'user:default/one' });
      expect((await store.getExemption(e.id))?.revokedBy).toBe(
        'user:default/one',
      );
      expect((await store.listExemptions()).map(x => x.entityRef)).toEqual([
        'component:default/b',
        'component:default/a',
      ]);
      expect((await store.listExemptions('component:default/a')).length).toBe(
        1,
      );
      expect(await store.getExemption(9999)).toBeUndefined();
    });

    it('migrates down and up again over real rows', async () => {
      const { knex, store } = await createStore(databaseId);
      await store.saveDay(day('component:default/a', '2026-12-01', 1));
      const migrations = { directory: `${__dirname}/../../migrations` };
      await knex.migrate.rollback(migrations, true);
      expect(await knex.schema.hasTable('scorecard_days')).toBe(false);
      expect(await knex.schema.hasTable('scorecard_exemptions')).toBe(false);
      await knex.migrate.latest(migrations);
      expect(await knex.schema.hasTable('scorecard_days')).toBe(true);
      expect(await store.listLatest()).toEqual([]);
    });
  });
});
