import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { generateHistory } from '@internal/plugin-dora-common';
import { DatabaseDoraStore } from './DoraStore';

jest.setTimeout(120_000);

const migrationsDir = resolvePackagePath(
  '@internal/plugin-dora-backend',
  'migrations',
);

describe('migration 202611230900_facts', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'migrates down and up over real rows on %p, and the facts are derived again',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      const store = await DatabaseDoraStore.create({ database });
      const history = generateHistory({
        seed: 11,
        days: 60,
        services: [
          { entityRef: 'component:default/a', profile: 'elite' },
          { entityRef: 'component:default/b', profile: 'medium' },
        ],
      });
      await store.ingest(history);
      await store.refresh();
      const before = await store.metrics(history.window);
      expect(before.deploymentFrequency.count).toBeGreaterThan(0);
      const facts = await knex('dora_deployment_facts').count({ n: '*' });

      // Down to before the facts migration, through the later ones that extend its tables.
      while (await knex.schema.hasTable('dora_daily')) {
        await knex.migrate.down({ directory: migrationsDir });
      }
      expect(await knex.schema.hasTable('dora_daily')).toBe(false);
      expect(await knex.schema.hasTable('dora_lead_times')).toBe(false);
      expect(Number((await knex('deployments').count({ n: '*' }))[0].n)).toBe(
        history.deployments.length,
      );

      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex('dora_daily').first()).toBeUndefined();
      const rebuilt = await DatabaseDoraStore.create({ database });
      expect(await knex('dora_deployment_facts').count({ n: '*' })).toEqual(
        facts,
      );
      expect(await rebuilt.metrics(history.window)).toEqual(before);
    },
  );
});
