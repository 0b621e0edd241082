import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Deployment, Incident } from '@internal/plugin-dora-common';
import { DatabaseDoraStore } from '../DoraStore';

jest.setTimeout(120_000);

const SVC = 'component:default/svc';
const SQUATTER = 'component:default/squatter';

const deployment = (id: string, entityRef: string): Deployment => ({
  id,
  entityRef,
  environment: 'production',
  status: 'success',
  type: 'normal',
  finishedAt: '2024-01-01T10:00:00.000Z',
  commitShas: [],
  source: 'test',
});
const incident = (id: string, entityRef: string): Incident => ({
  id,
  entityRef,
  openedAt: '2024-01-01T11:00:00.000Z',
});

describe('ids taken by another entity', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('refuses the second entity, storing nothing of its batch, and keeps redeliveries idempotent', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseDoraStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      await store.ingest({
        deployments: [deployment('deploy-42', SQUATTER)],
        changes: [],
        incidents: [incident('INC-7', SQUATTER)],
      });

      await expect(
        store.ingest({
          deployments: [
            deployment('deploy-41', SVC),
            deployment('deploy-42', SVC),
          ],
          changes: [],
          incidents: [],
        }),
      ).rejects.toThrow(
        `deployments[1].id: deploy-42 is already stored for ${SQUATTER}, not ${SVC}`,
      );
      await expect(
        store.ingest({
          deployments: [],
          changes: [],
          incidents: [incident('INC-8', SVC), incident('INC-7', SVC)],
        }),
      ).rejects.toThrow(
        `incidents[1].id: INC-7 is already stored for ${SQUATTER}, not ${SVC}`,
      );
      // All or nothing: deploy-41 and INC-8 were not kept.
      expect(await knex('deployments').orderBy('id').pluck('id')).toEqual([
        'deploy-42',
      ]);
      expect(await knex('incidents').orderBy('id').pluck('id')).toEqual([
        'INC-7',
      ]);

      // The owner of an id re-sending it is a duplicate, as before.
      expect(
        await store.ingest({
          deployments: [deployment('deploy-42', SQUATTER)],
          changes: [],
          incidents: [incident('INC-7', SQUATTER)],
        }),
      ).toMatchObject({
        duplicates: { deployments: 1, incidents: 1 },
      });
    });
  });
});
