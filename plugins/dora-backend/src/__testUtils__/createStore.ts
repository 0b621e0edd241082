import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { DatabaseDoraStore } from '../database/DoraStore';

type DatabaseId = Parameters<TestDatabases['init']>[0];

/** A store on a fresh test database of `databaseId`, migrated to the latest schema. */
export async function createMigratedStore(
  databases: TestDatabases,
  databaseId: DatabaseId,
) {
  const knex = await databases.init(databaseId);
  return DatabaseDoraStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
}
