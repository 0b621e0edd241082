import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { DatabaseCampaignStore } from './CampaignStore';
import { DatabaseScorecardStore } from './ScorecardStore';

jest.setTimeout(60_000);

describe('DatabaseCampaignStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function createStores() {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      const scorecards = await DatabaseScorecardStore.create({ database });
      const campaigns = await DatabaseCampaignStore.create({ database });
      return { knex, scorecards, campaigns };
    }

    it('stores campaigns and lists them nearest deadline first', async () => {
      const { campaigns } = await createStores();
      const late = await campaigns.add({
        title: 'Runbooks everywhere',
        checkIds: ['runbook-link', 'on-call-link'],
        deadline: '2027-03-31',
        scope: { tag: 'java' },
        createdBy: 'user:default/admin',
        createdAt: '2026-12-06T00:00:00.000Z',
      });
      const soon = await campaigns.add({
        title: 'Probes for payments',
        checkIds: ['conformance-probes'],
        deadline: '2027-01-15',
        scope: {
          owner: 'group:default/payments',
          system: 'system:default/shop',
        },
        createdBy: 'user:default/admin',
        createdAt: '2026-12-06T00:00:00.000Z',
      });
      expect(typeof late.id).toBe('number');
      expect(await campaigns.get(soon.id)).toEqual(soon);
      expect(soon.scope).toEqual({
        owner: 'group:default/payments',
        system: 'system:default/shop',
      });
      expect((await campaigns.list()).map(c => c.title)).toEqual([
        'Probes for payments',
        'Runbooks everywhere',
      ]);
      expect(await campaigns.get(9999)).toBeUndefined();
    });

    it('reads every entity from a day on, with the last row before it', async () => {
      const { scorecards } = await createStores();
      const save = (entityRef: string, day: string, score: number) =>
        scorecards.saveDay({
          entityRef,
          day,
          level: null,
          score,
          evaluatedAt: `${day}T12:00:00.000Z`,
          results: [],
          inputsHash: `${entityRef}-${day}`,
        });
      await save('component:default/a', '2026-11-20', 10);
      await save('component:default/a', '2026-11-25', 20);
      await save('component:default/a', '2026-12-02', 30);
      await save('component:default/b', '2026-12-03', 40);
      const rows = await scorecards.historyOfAll('2026-12-01');
      expect(
        rows
          .map(r => [r.entityRef, r.day])
          .sort((x, y) => `${x}`.localeCompare(`${y}`)),
      ).toEqual([
        ['component:default/a', '2026-11-25'],
        ['component:default/a', '2026-12-02'],
        ['component:default/b', '2026-12-03'],
      ]);
    });

    it('migrates down and up again over real rows', async () => {
      const { knex, campaigns } = await createStores();
      await campaigns.add({
        title: 't',
        checkIds: ['owner'],
        deadline: '2027-01-01',
        scope: {},
        createdBy: 'u',
        createdAt: '2026-12-06T00:00:00.000Z',
      });
      const migrations = {
        directory: `${__dirname}/../../migrations`,
      };
      const c = (await campaigns.list())[0];
      expect(await campaigns.claimReminder(c.id, '2026-12-07T00:00:00Z')).toBe(
        true,
      );
      // The reminders' column goes; the campaign stays.
      await knex.migrate.down(migrations);
      expect(
        await knex.schema.hasColumn('scorecard_campaigns', 'reminded_at'),
      ).toBe(false);
      expect(await campaigns.list()).toEqual([c]);
      await knex.migrate.down(migrations);
      expect(await knex.schema.hasTable('scorecard_campaigns')).toBe(false);
      expect(await knex.schema.hasTable('scorecard_days')).toBe(true);
      await knex.migrate.latest(migrations);
      expect(await campaigns.list()).toEqual([]);
    });
  });
});
