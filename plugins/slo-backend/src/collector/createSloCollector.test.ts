import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { DatabaseSloRollupStore } from '../database/SloRollupStore';
import { createSloCollector } from './createSloCollector';

describe('createSloCollector', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function create(
    prometheus?: Record<string, string | number | boolean>,
  ) {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseSloRollupStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    return createSloCollector(
      mockServices.rootConfig({
        data: prometheus ? { slo: { prometheus } } : {},
      }),
      { store, logger: mockServices.logger.mock() },
    );
  }

  it('collects nothing without slo.prometheus', async () => {
    expect(await create()).toBeUndefined();
  });

  it('accepts a pass ceiling and a cycle budget', async () => {
    const made = await create({
      baseUrl: 'http://prometheus:9090',
      bucketsPerPass: 1000,
      cycleBudget: '90s',
    });
    expect(made?.collector).toBeDefined();
  });

  it.each([
    [{ bucketsPerPass: 0 }, /^slo\.prometheus\.bucketsPerPass: /],
    [{ bucketsPerPass: 2.5 }, /^slo\.prometheus\.bucketsPerPass: /],
    [{ cycleBudget: 'soon' }, /^slo\.prometheus\.cycleBudget: /],
    [{ maxBackfill: '-1d' }, /^slo\.prometheus\.maxBackfill: /],
  ])('refuses %j, naming the key', async (bad, message) => {
    await expect(
      create({ baseUrl: 'http://prometheus:9090', ...bad }),
    ).rejects.toThrow(message);
  });
});
