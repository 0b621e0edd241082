import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DAY_MS, generateHistory } from '@internal/plugin-dora-common';
import { DatabaseDoraStore } from '../database/DoraStore';
import { DEMO_DAYS, DEMO_SERVICES, seedDemo } from './seedDemo';
import { portalReleaseEvents } from './portalRelease';
import { ingestEvents } from '../service/ingestEvents';

jest.setTimeout(120_000);

const NOW = Date.UTC(2026, 10, 22, 13, 30);

function entityOf(ref: string): Entity {
  const name = ref.split('/')[1];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: {},
  };
}

describe('seedDemo', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('waits for the demo components, seeds once through ingest, then never again', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseDoraStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const catalog = catalogServiceMock({
      entities: DEMO_SERVICES.map(s => entityOf(s.entityRef)),
    });
    const logger = mockServices.logger.mock();
    const options = {
      store,
      catalog,
      logger,
      getCredentials: async () =>
        mockServices.auth().getOwnServiceCredentials(),
      pollIntervalMs: 20,
      catalogTimeoutMs: 10_000,
      now: NOW,
    };
    // The catalog gets the components while seedDemo polls.
    const getEntitiesByRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
    getEntitiesByRefs.mockResolvedValueOnce({ items: [] });
    const seeded = await seedDemo(options);

    const expected = generateHistory({
      seed: 2025,
      days: DEMO_DAYS,
      services: DEMO_SERVICES,
      end: Date.UTC(2026, 10, 22),
    });
    expect(getEntitiesByRefs.mock.calls.length).toBeGreaterThanOrEqual(2);
    // The generated history, and the portal release's staging deployment its CI posts.
    expect(seeded).toBe(
      expected.deployments.length + portalReleaseEvents(NOW).deployments.length,
    );
    const loaded = await store.loadEvents({
      from: expected.window.to - 30 * DAY_MS,
      to: expected.window.to,
      entityRefs: DEMO_SERVICES.map(s => s.entityRef),
    });
    expect(loaded.deployments.length).toBeGreaterThan(0);
    // Seeded one service at a time, the history is the one generated all at once.
    const all = await store.loadEvents({
      from: expected.window.from,
      to: expected.window.to + DAY_MS,
      entityRefs: DEMO_SERVICES.map(s => s.entityRef),
    });
    // (loadEvents reads the production environment.)
    expect(all.deployments.map(d => d.id).sort()).toEqual(
      expected.deployments
        .filter(d => (d.environment ?? 'production') === 'production')
        .map(d => d.id)
        .sort(),
    );
    expect(all.incidents.length).toBe(expected.incidents.length);
    expect((await store.listIncidentLinks()).length).toBeGreaterThan(0);

    expect(await seedDemo(options)).toBe(0);
  });

  it('seeds anyway when the catalog never gets the components', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseDoraStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const logger = mockServices.logger.mock();
    const seeded = await seedDemo({
      store,
      catalog: catalogServiceMock({
        entities: DEMO_SERVICES.slice(1).map(s => entityOf(s.entityRef)),
      }),
      logger,
      getCredentials: async () =>
        mockServices.auth().getOwnServiceCredentials(),
      catalogTimeoutMs: 50,
      pollIntervalMs: 10,
      now: NOW,
    });
    expect(seeded).toBeGreaterThan(0);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('component:default/payment-service'),
    );
  });

  it.each([
    ['seeds over rollouts the Kubernetes source observed', 'kubernetes', true],
    ['does not seed over deployments posted by CI', 'ci', false],
  ])('%s', async (_name, source, seeds) => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseDoraStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const catalog = catalogServiceMock({
      entities: DEMO_SERVICES.map(s => entityOf(s.entityRef)),
    });
    const credentials = await mockServices.auth().getOwnServiceCredentials();
    // Stored as the observer stores a finished rollout: through ingest, before the seed runs.
    await ingestEvents(
      {
        deployments: [
          {
            id: `${source}:local:5f0c:1`,
            entityRef: 'component:default/payment-service',
            environment: 'production',
            status: 'success',
            finishedAt: new Date(NOW).toISOString(),
            commitShas: [],
            source,
          },
        ],
      },
      { store, catalog, credentials },
    );
    const seeded = await seedDemo({
      store,
      catalog,
      logger: mockServices.logger.mock(),
      getCredentials: async () => credentials,
      now: NOW,
    });
    expect(seeded > 0).toBe(seeds);
  });
});
