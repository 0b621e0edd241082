import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { DatabaseScorecardStore, StoredDay } from './ScorecardStore';

jest.setTimeout(60_000);

const CUTOFF = '2025-11-01';

function day(entityRef: string, d: string, score: number): StoredDay {
  return {
    entityRef,
    day: d,
    level: 'bronze',
    score,
    evaluatedAt: `${d}T12:00:00.000Z`,
    results: [{ checkId: 'owner', state: 'pass', message: 'owned' }],
    inputsHash: `hash-${d}-${score}`,
  };
}

function daysFrom(from: string, length: number): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length }, (_, i) =>
    new Date(start + i * 86400_000).toISOString().slice(0, 10),
  );
}

async function count(
  knex: Knex,
  table: string,
  where: (q: Knex.QueryBuilder) => void,
) {
  const [row] = await knex(table).where(where).count({ n: '*' });
  return Number(row.n);
}

describe('DatabaseScorecardStore.deleteHistoryBefore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('deletes rows before the cut-off but each newest one, and answers the same after it', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseScorecardStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const a = 'component:default/a';
      const b = 'component:default/b';
      const c = 'component:default/c';
      // a: every day 2025-10-20 … 2025-11-10 (22 rows, 12 before the cut-off): 2025-10-31
      // stays (historyOfAll(cut-off) carries each entity's row of the day before over).
      for (const [i, d] of daysFrom('2025-10-20', 22).entries()) {
        await store.saveDay(day(a, d, i));
      }
      // b: three rows before the cut-off, none on it, one after: 2025-10-25 carries over.
      for (const [i, d] of [
        '2025-10-01',
        '2025-10-15',
        '2025-10-25',
        '2025-11-05',
      ].entries()) {
        await store.saveDay(day(b, d, 40 + i));
      }
      // c: gone from the catalog long ago; its newest row stays.
      await store.saveDay(day(c, '2025-09-01', 70));
      await store.saveDay(day(c, '2025-09-02', 71));

      const ci = (
        runId: string,
        entityRef: string,
        checkId: string,
        reportedAt: string,
      ) =>
        store.insertCiResults(runId, [
          {
            runId,
            entityRef,
            checkId,
            state: 'pass',
            reportedAt,
            reportedBy: 'ci',
          },
        ]);
      await ci('r1', a, 'image-scan', '2025-10-01T08:00:00.000Z');
      await ci('r2', a, 'image-scan', '2025-10-10T08:00:00.000Z');
      await ci('r3', a, 'image-scan', '2025-11-02T08:00:00.000Z');
      await ci('r1b', b, 'image-scan', '2025-10-01T08:00:00.000Z');
      // Same instant: the larger run id is the one latestCiResults picks, so it stays.
      await ci('r4', c, 'image-scan', '2025-10-05T08:00:00.000Z');
      await ci('r5', c, 'image-scan', '2025-10-05T08:00:00.000Z');

      const after = (q: Knex.QueryBuilder) => q.where('day', '>=', CUTOFF);
      const before = (q: Knex.QueryBuilder) => q.where('day', '<', CUTOFF);
      expect(await count(knex, 'scorecard_days', after)).toBe(10 + 1);
      expect(await count(knex, 'scorecard_days', before)).toBe(12 + 3 + 2);
      const rowsAfter = await knex('scorecard_days')
        .where('day', '>=', CUTOFF)
        .orderBy(['entity_ref', 'day']);

      const answers = async () => ({
        asOf: await Promise.all(
          [CUTOFF, '2025-11-03', '2025-11-10'].map(d => store.listAsOf(d)),
        ),
        latest: await store.listLatest(),
        trendA: await store.history(a, CUTOFF),
        trendB: await store.history(b, '2025-11-02'),
        all: await store.historyOfAll(CUTOFF),
        ci: await store.latestCiResults(),
      });
      const answersBefore = await answers();
      // Sanity: the carried-over row is part of these answers.
      expect(answersBefore.asOf[0].map(r => [r.entityRef, r.day])).toEqual([
        [a, CUTOFF],
        [b, '2025-10-25'],
        [c, '2025-09-02'],
      ]);

      expect(
        await store.deleteHistoryBefore(CUTOFF, {
          daysPerChunk: 2,
          runsPerChunk: 1,
        }),
      ).toEqual({ days: 11 + 2 + 1, ciResults: 3 });

      expect(await count(knex, 'scorecard_days', before)).toBe(3);
      expect(
        (
          await knex('scorecard_days')
            .where('day', '<', CUTOFF)
            .orderBy('entity_ref')
        ).map(r => [r.entity_ref, r.day]),
      ).toEqual([
        [a, '2025-10-31'],
        [b, '2025-10-25'],
        [c, '2025-09-02'],
      ]);
      expect(
        await knex('scorecard_days')
          .where('day', '>=', CUTOFF)
          .orderBy(['entity_ref', 'day']),
      ).toEqual(rowsAfter);
      expect(
        (await knex('scorecard_ci_results').orderBy('run_id')).map(
          r => r.run_id,
        ),
      ).toEqual(['r1b', 'r3', 'r5']);
      expect(await answers()).toEqual(answersBefore);

      // Idempotent: a second run finds nothing more to delete.
      expect(await store.deleteHistoryBefore(CUTOFF)).toEqual({
        days: 0,
        ciResults: 0,
      });
      expect(await count(knex, 'scorecard_days', q => q)).toBe(11 + 3);
      expect(await answers()).toEqual(answersBefore);
    });
  });
});
