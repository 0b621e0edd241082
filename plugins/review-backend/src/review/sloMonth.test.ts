import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The real dora and slo backends are the peers here, booted beside the review as in the portal.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@internal/plugin-dora-backend';
// The slo backend's own store writes the buckets, as its collector does, into its database.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import sloPlugin, {
  DatabaseSloRollupStore,
} from '@internal/plugin-slo-backend';
import { Knex } from 'knex';
import request from 'supertest';
import { reviewPlugin } from '../plugin';
import { IDENTITY, PAYMENTS } from '../__testUtils__/portalFixture';
import { sloFixtureEntities } from '../__testUtils__/sloFixture';

// SLO figures of a month long past the SLO window, which no snapshot kept: the review reads
// the slo backend's calendar-month sums (GET /slos/month). The reference is a plain sum over the
// buckets this test wrote, and the slo backend's month answer (what /slos?month= shows).

jest.setTimeout(180_000);

/** Park–Miller, so a failure reproduces from its seed. */
function prng(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

describe('review SLO figures of a past month', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('are the calendar month summed from the stored buckets, as /slos?month= shows them', async () => {
    // One database per plugin, as in the portal; the test keeps the slo backend's to write into.
    const knexes = new Map<string, Knex>();
    const database = createServiceFactory({
      service: coreServices.database,
      deps: { plugin: coreServices.pluginMetadata },
      async factory({ plugin }) {
        const knex = await databases.init('SQLITE_3');
        knexes.set(plugin.getId(), knex);
        return mockServices.database({ knex, migrations: { skip: false } });
      },
    });
    const backend = await startTestBackend({
      features: [
        doraPlugin,
        sloPlugin,
        reviewPlugin,
        database,
        catalogServiceMock.factory({ entities: sloFixtureEntities() }),
        mockServices.rootLogger.factory({ level: 'warn' }),
        mockServices.rootConfig.factory({
          data: {
            review: { snapshots: { enabled: false } },
            slo: {
              specRefresh: {
                frequency: { minutes: 5 },
                timeout: { minutes: 1 },
              },
            },
          },
        }),
      ],
    });
    const { server } = backend;
    try {
      let slos: any[] = [];
      const deadline = Date.now() + 90_000;
      while (slos.length === 0) {
        if (Date.now() > deadline) throw new Error('SLOs never loaded');
        await new Promise(r => setTimeout(r, 300));
        slos = (await request(server).get('/api/slo/slos')).body.items ?? [];
      }

      // Four months ago: far outside every SLO's rolling window (30 days at most here).
      const now = new Date();
      const start =
        Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 4, 1) / 1000;
      const end =
        Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 3, 1) / 1000;
      const month = new Date(start * 1000).toISOString().slice(0, 7);

      const store = await DatabaseSloRollupStore.create({
        database: mockServices.database({
          knex: knexes.get('slo')!,
          migrations: { skip: true },
        }),
      });
      const random = prng(17);
      const expected = new Map<string, { met: boolean; left: number }>();
      for (const [i, item] of slos.entries()) {
        // Alternately well within and well past the objective's error share.
        const badShare = (1 - item.slo.target) * (i % 2 === 0 ? 0.4 : 3);
        const buckets = [];
        // A day either side of the month: those buckets must not count.
        for (let t = start - 86400; t < end + 86400; t += 300) {
          const total = 100 + Math.floor(random() * 100);
          const bad = Math.round(total * badShare * 2 * random());
          buckets.push({ start: t, good: total - Math.min(bad, total), total });
        }
        await store.upsertBuckets(item.slo.id, buckets);
        // And the last day up to now, so each SLO is evaluated now and its rolling-window
        // history (the last 30 days) is far from the month.
        const recent = [];
        const nowBucket = Math.floor(Date.now() / 300_000) * 300;
        for (let t = nowBucket - 86400; t < nowBucket; t += 300) {
          recent.push({ start: t, good: 100, total: 100 });
        }
        await store.upsertBuckets(item.slo.id, recent);
        const inMonth = buckets.filter(b => b.start >= start && b.start < end);
        const good = inMonth.reduce((s, b) => s + b.good, 0);
        const total = inMonth.reduce((s, b) => s + b.total, 0);
        expected.set(item.slo.id, {
          met: good / total >= item.slo.target,
          left: 1 - (1 - good / total) / (1 - item.slo.target),
        });
      }
      const verdicts = [...expected.values()].map(e => e.met);
      expect(verdicts).toContain(true);
      expect(verdicts).toContain(false);

      const monthAnswer = await request(server)
        .get('/api/slo/slos/month')
        .query({ month });
      expect(monthAnswer.status).toBe(200);
      for (const item of monthAnswer.body.items) {
        expect(item.met).toBe(expected.get(item.slo.id)!.met);
        expect(item.budgetRemaining).toBeCloseTo(
          expected.get(item.slo.id)!.left,
          9,
        );
      }

      const review = await request(server)
        .get('/api/review')
        .query({ month, scope: 'organization' });
      expect(review.status).toBe(200);
      for (const team of [PAYMENTS, IDENTITY]) {
        const owned = slos
          .filter(s => s.owner === team)
          .map(s => expected.get(s.slo.id)!);
        expect(owned.length).toBeGreaterThan(0);
        const row = review.body.rows.find((r: any) => r.ref === team);
        expect({
          team,
          slo: { ...row.slo, lowestBudgetLeft: undefined },
        }).toEqual({
          team,
          slo: {
            slos: owned.length,
            met: owned.filter(o => o.met).length,
            judged: owned.length,
            lowestBudgetLeft: undefined,
            // The history behind alerts and freeze hours covers only the last SLO window.
            alertsFired: 0,
            freezeHours: 0,
          },
        });
        expect(row.slo.lowestBudgetLeft).toBeCloseTo(
          Math.min(...owned.map(o => o.left)),
          9,
        );
      }
    } finally {
      await backend.stop();
    }
  });
});
