import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { EntityConformance } from '@internal/plugin-conformance-common';
import { DatabaseConformanceStore, StoredReport } from './ConformanceStore';

jest.setTimeout(60_000);

function stored(
  entityRef: string,
  score: number | null,
  extra: Partial<StoredReport> = {},
): StoredReport {
  const report: EntityConformance = {
    entityRef,
    score,
    evaluatedAt: '2026-11-22T01:00:00.000Z',
    workloads: [],
    summary: { pass: 1, fail: 0, 'not-applicable': 0, exempt: 0 },
    clusterErrors: [],
  };
  return { entityRef, failingSeverities: [], report, ...extra };
}

describe('DatabaseConformanceStore', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseConformanceStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    return { knex, store };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('upserts, reads back and lists lowest score first, unevaluated last', async () => {
      const { store } = await createStore(databaseId);
      await store.upsertReport(
        stored('component:default/a', 90, { owner: 'group:default/payments' }),
      );
      await store.upsertReport(stored('component:default/b', null));
      await store.upsertReport(
        stored('component:default/c', 40, { failingSeverities: ['critical'] }),
      );
      // A second write of the same entity replaces the first.
      await store.upsertReport(
        stored('component:default/a', 75, { owner: 'group:default/payments' }),
      );

      expect(
        (await store.listReports()).map(r => [r.entityRef, r.report.score]),
      ).toEqual([
        ['component:default/c', 40],
        ['component:default/a', 75],
        ['component:default/b', null],
      ]);
      expect((await store.listEntityRefs()).sort()).toEqual([
        'component:default/a',
        'component:default/b',
        'component:default/c',
      ]);
      expect(await store.getReport('component:default/c')).toEqual(
        stored('component:default/c', 40, { failingSeverities: ['critical'] }),
      );
      expect(
        await store.getReport('component:default/missing'),
      ).toBeUndefined();
      expect(
        (await store.listReports({ owner: 'group:default/payments' })).map(
          r => r.entityRef,
        ),
      ).toEqual(['component:default/a']);
    });

    it('drops reports of entities that are gone', async () => {
      const { store } = await createStore(databaseId);
      await store.upsertReport(stored('component:default/a', 1));
      await store.upsertReport(stored('component:default/b', 2));
      expect(await store.deleteReportsExcept(['component:default/b'])).toBe(1);
      expect(await store.deleteReportsExcept(['component:default/b'])).toBe(0);
      expect((await store.listReports()).map(r => r.entityRef)).toEqual([
        'component:default/b',
      ]);
    });

    it('stores a batch of reports over several statements, the last of a repeated ref winning', async () => {
      const { store } = await createStore(databaseId);
      await store.upsertReport(stored('component:default/e0', 1));
      // 250 refs: three statements of at most 100 rows; e0 is replaced, e7 given twice.
      const batch = Array.from({ length: 250 }, (_, i) =>
        stored(`component:default/e${i}`, i % 101, {
          owner: `group:default/t${i % 3}`,
        }),
      );
      batch.push(stored('component:default/e7', 99, { entityEtag: 'second' }));
      await store.upsertReports(batch);
      await store.upsertReports([]);

      const reports = await store.listReports();
      expect(reports).toHaveLength(250);
      const byRef = new Map(reports.map(r => [r.entityRef, r]));
      expect(byRef.get('component:default/e0')?.report.score).toBe(0);
      expect(byRef.get('component:default/e7')).toEqual(
        stored('component:default/e7', 99, { entityEtag: 'second' }),
      );
      expect(byRef.get('component:default/e249')).toEqual(
        stored('component:default/e249', 249 % 101, {
          owner: 'group:default/t0',
        }),
      );
    });

    it('lists each report rolled up, from the kept roll-up or, written before it, from the report', async () => {
      const { knex, store } = await createStore(databaseId);
      const workload = (name: string) => ({
        cluster: 'local',
        namespace: 'payments',
        kind: 'Deployment',
        name,
      });
      const a = stored('component:default/a', 50, {
        owner: 'group:default/payments',
        failingSeverities: ['high'],
      });
      a.report.workloads = [
        {
          workload: workload('a-api'),
          results: [
            { checkId: 'liveness-probe', verdict: 'pass' } as never,
            { checkId: 'pinned-image', verdict: 'fail' } as never,
          ],
        },
        {
          workload: workload('a-worker'),
          results: [
            { checkId: 'liveness-probe', verdict: 'fail' } as never,
            { checkId: 'pinned-image', verdict: 'pass' } as never,
          ],
        },
      ];
      a.report.summary = { pass: 2, fail: 2, 'not-applicable': 0, exempt: 0 };
      a.report.clusterErrors = [{ cluster: 'edge', message: 'timed out' }];
      const b = stored('component:default/b', 100, { title: 'B' });
      b.report.workloads = [
        {
          workload: workload('b'),
          results: [{ checkId: 'liveness-probe', verdict: 'pass' } as never],
        },
      ];
      await store.upsertReports([a, b, stored('component:default/c', null)]);
      // What the list showed when it rolled every whole report up, written out by hand.
      const expected = [
        {
          entityRef: 'component:default/a',
          owner: 'group:default/payments',
          score: 50,
          evaluatedAt: '2026-11-22T01:00:00.000Z',
          workloadCount: 2,
          verdicts: { 'liveness-probe': 'fail', 'pinned-image': 'fail' },
          summary: { pass: 2, fail: 2, 'not-applicable': 0, exempt: 0 },
          failingSeverities: ['high'],
          clusterErrors: [{ cluster: 'edge', message: 'timed out' }],
        },
        {
          entityRef: 'component:default/b',
          title: 'B',
          score: 100,
          evaluatedAt: '2026-11-22T01:00:00.000Z',
          workloadCount: 1,
          verdicts: { 'liveness-probe': 'pass' },
          summary: { pass: 1, fail: 0, 'not-applicable': 0, exempt: 0 },
          failingSeverities: [],
          clusterErrors: [],
        },
        {
          entityRef: 'component:default/c',
          score: null,
          evaluatedAt: '2026-11-22T01:00:00.000Z',
          workloadCount: 0,
          verdicts: {},
          summary: { pass: 1, fail: 0, 'not-applicable': 0, exempt: 0 },
          failingSeverities: [],
          clusterErrors: [],
        },
      ];
      expect(await store.listSummaries()).toEqual(expected);
      expect(
        await store.listSummaries({ owner: 'group:default/payments' }),
      ).toEqual([expected[0]]);
      // Rows from before the roll-up was kept read the same.
      await knex('conformance_reports')
        .whereIn('entity_ref', ['component:default/a', 'component:default/c'])
        .update({ summary: null });
      expect(await store.listSummaries()).toEqual(expected);
    });

    it('tells what each report was judged from, and which were judged longest ago', async () => {
      const { store } = await createStore(databaseId);
      const a = stored('component:default/a', 1, { entityEtag: 'etag-a' });
      a.report.evaluatedAt = '2026-11-22T03:00:00.000Z';
      a.report.workloads = [
        {
          workload: {
            cluster: 'local',
            namespace: 'payments',
            kind: 'Deployment',
            name: 'payment-service',
          },
          results: [],
        },
      ];
      await store.upsertReport(a);
      await store.upsertReport(stored('component:default/b', 2));
      expect(
        (await store.listTracking()).sort((x, y) =>
          x.entityRef.localeCompare(y.entityRef),
        ),
      ).toEqual([
        {
          entityRef: 'component:default/a',
          entityEtag: 'etag-a',
          workloadKeys: ['local/payments/Deployment/payment-service'],
        },
        {
          entityRef: 'component:default/b',
          entityEtag: undefined,
          workloadKeys: [],
        },
      ]);
      expect((await store.getReport('component:default/a'))?.entityEtag).toBe(
        'etag-a',
      );
      expect(await store.listStalest(1)).toEqual(['component:default/b']);
      expect(await store.listStalest(5)).toEqual([
        'component:default/b',
        'component:default/a',
      ]);
      expect(await store.deleteReports(['component:default/b'])).toBe(1);
      expect(await store.listEntityRefs()).toEqual(['component:default/a']);
    });

    it('migrates down and up again over real rows', async () => {
      const { knex, store } = await createStore(databaseId);
      await store.upsertReport(stored('component:default/a', 1));
      const migrations = { directory: `${__dirname}/../../migrations` };
      // The roll-up column goes, then the change-tracking columns; the report stays.
      await knex.migrate.down(migrations);
      expect(
        await knex.schema.hasColumn('conformance_reports', 'summary'),
      ).toBe(false);
      expect(await store.listEntityRefs()).toEqual(['component:default/a']);
      await knex.migrate.down(migrations);
      expect(
        await knex.schema.hasColumn('conformance_reports', 'entity_etag'),
      ).toBe(false);
      expect(await store.listEntityRefs()).toEqual(['component:default/a']);
      await knex.migrate.latest(migrations);
      expect(
        await knex.schema.hasColumn('conformance_reports', 'entity_etag'),
      ).toBe(true);
      await knex.migrate.rollback(migrations, true);
      expect(await knex.schema.hasTable('conformance_reports')).toBe(false);
      await knex.migrate.latest(migrations);
      expect(await knex.schema.hasTable('conformance_reports')).toBe(true);
      expect(await knex('conformance_reports').count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);
    });
  });
});
