import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  MIGRATIONS_DIRECTORY,
  migrateToBefore,
} from '../__testUtils__/migrations';

jest.setTimeout(120_000);

const directory = MIGRATIONS_DIRECTORY;
const MIGRATION = '202612060700_event_namespaces.js';
const A = 'component:default/a';
const B = 'component:default/b';

const sha = (n: number) => n.toString(16).padStart(40, '0');

/** Rows as the previous schema held them: one id namespace, a cause naming another entity. */
async function seedOldRows(knex: Knex) {
  const deployment = (id: string, entity: string, finished: string) => ({
    id,
    entity_ref: entity,
    environment: 'production',
    status: 'success',
    type: 'normal',
    finished_at: finished,
    source: 'ci',
  });
  await knex('deployments').insert([
    deployment('a1', A, '2024-01-01T00:00:00.000Z'),
    deployment('a2', A, '2024-01-02T00:00:00.000Z'),
    deployment('b1', B, '2024-01-01T00:00:00.000Z'),
  ]);
  await knex('deployment_commits').insert([
    { deployment_id: 'a1', sha: sha(1), position: 0 },
    { deployment_id: 'a2', sha: sha(2), position: 0 },
    { deployment_id: 'b1', sha: sha(3), position: 0 },
  ]);
  await knex('incidents').insert([
    { id: 'i1', entity_ref: A, opened_at: '2024-01-02T01:00:00.000Z' },
    // B's incident naming A's deployment: no longer resolved across entities.
    {
      id: 'i2',
      entity_ref: B,
      opened_at: '2024-01-02T01:00:00.000Z',
      caused_by_deployment_id: 'a2',
    },
  ]);
  await knex('incident_links').insert([
    {
      incident_id: 'i1',
      deployment_id: 'a2',
      method: 'time-window',
      inferred: true,
    },
    {
      incident_id: 'i2',
      deployment_id: 'a2',
      method: 'explicit',
      inferred: false,
    },
  ]);
}

describe(`migration ${MIGRATION}`, () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    're-keys events by entity (and source) without losing a row, and back, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateToBefore(knex, MIGRATION);
      await seedOldRows(knex);

      await knex.migrate.up({ directory });

      const count = async (table: string) =>
        Number((await knex(table).count({ n: '*' }))[0].n);
      expect(
        await Promise.all(
          [
            'deployments',
            'deployment_commits',
            'incidents',
            'incident_links',
          ].map(count),
        ),
      ).toEqual([3, 3, 2, 2]);
      expect(
        await knex('deployment_commits')
          .select('deployment_id', 'entity_ref', 'source')
          .orderBy('deployment_id'),
      ).toEqual([
        { deployment_id: 'a1', entity_ref: A, source: 'ci' },
        { deployment_id: 'a2', entity_ref: A, source: 'ci' },
        { deployment_id: 'b1', entity_ref: B, source: 'ci' },
      ]);
      expect(
        await knex('incident_links')
          .select('incident_id', 'entity_ref', 'deployment_source')
          .orderBy('incident_id'),
      ).toEqual([
        { incident_id: 'i1', entity_ref: A, deployment_source: 'ci' },
        { incident_id: 'i2', entity_ref: B, deployment_source: 'ci' },
      ]);
      // Both sides of the cross-entity cause are re-derived under the new rule.
      expect(
        (await knex('dora_refresh_queue').orderBy('entity_ref')).map(
          r => r.entity_ref,
        ),
      ).toEqual([A, B]);

      // The same ids for another entity, or from another source, are now events of their own.
      await knex('deployments').insert([
        {
          id: 'a1',
          entity_ref: B,
          environment: 'production',
          status: 'failure',
          type: 'normal',
          finished_at: '2024-01-03T00:00:00.000Z',
          source: 'ci',
        },
        {
          id: 'a1',
          entity_ref: A,
          environment: 'production',
          status: 'failure',
          type: 'normal',
          finished_at: '2024-01-03T00:00:00.000Z',
          source: 'other',
        },
      ]);
      await knex('deployment_commits').insert({
        deployment_id: 'a1',
        entity_ref: B,
        source: 'ci',
        sha: sha(1),
        position: 0,
      });
      await knex('incidents').insert({
        id: 'i1',
        entity_ref: B,
        opened_at: '2024-01-03T00:00:00.000Z',
      });
      // (entity_ref, source, id) is the key: an upsert on it is accepted (the database knows the
      // constraint) and a repeated key is not stored twice.
      await knex('deployments')
        .insert({
          id: 'a1',
          entity_ref: A,
          environment: 'production',
          status: 'success',
          type: 'normal',
          finished_at: '2024-01-03T00:00:00.000Z',
          source: 'ci',
        })
        .onConflict(['entity_ref', 'source', 'id'])
        .ignore();
      expect(await count('deployments')).toBe(5);

      // Down is refused while ids are shared, and restores the old keys once they are not.
      await expect(knex.migrate.down({ directory })).rejects.toThrow(
        /several entities or sources/,
      );
      await knex('deployment_commits')
        .where({ entity_ref: B, sha: sha(1) })
        .delete();
      await knex('deployments').where({ id: 'a1', entity_ref: B }).delete();
      await knex('deployments').where({ id: 'a1', source: 'other' }).delete();
      await knex('incidents').where({ id: 'i1', entity_ref: B }).delete();
      await knex.migrate.down({ directory });
      expect(
        await Promise.all(
          [
            'deployments',
            'deployment_commits',
            'incidents',
            'incident_links',
          ].map(count),
        ),
      ).toEqual([3, 3, 2, 2]);
      expect(await knex.schema.hasColumn('deployment_commits', 'source')).toBe(
        false,
      );
      await knex.migrate.latest({ directory });
      expect(await count('deployment_commits')).toBe(3);
    },
  );
});
