import { TestDatabases } from '@backstage/backend-test-utils';
import {
  DAY_MS,
  ResolvedBatch,
  generateHistory,
} from '@internal/plugin-dora-common';
import { createMigratedStore } from '../__testUtils__/createStore';
import {
  MIGRATIONS_DIRECTORY,
  migrateToBefore,
} from '../__testUtils__/migrations';

jest.setTimeout(300_000);

const VICTIM = 'component:default/victim';
const SQUATTER = 'component:default/squatter';

// The victim's real history: per-commit changes with PRs, deployments delivering them.
const victim = generateHistory({
  seed: 41,
  days: 45,
  services: [{ entityRef: VICTIM, profile: 'high' }],
});
const shaOf = (n: number) => n.toString(16).padStart(40, '0');

/**
 * What a squatter (a member of another team, allowed to post for its own entity) sends first:
 * a record of every commit the victim will deploy, for its own entity, committed a month
 * earlier, with a fake parent, a revert kind and PR times a month earlier.
 */
const squat: ResolvedBatch = {
  deployments: [],
  incidents: [],
  changes: victim.changes.map(c => ({
    ...c,
    entityRef: SQUATTER,
    committedAt: new Date(
      Date.parse(c.committedAt) - 30 * DAY_MS,
    ).toISOString(),
    authoredAt: undefined,
    parents: [shaOf(1)],
    kind: 'revert' as const,
    prId: c.prId ?? 'org/victim#1',
    prCreatedAt: new Date(
      Date.parse(c.committedAt) - 30 * DAY_MS,
    ).toISOString(),
    prMergedAt: new Date(Date.parse(c.committedAt) - 29 * DAY_MS).toISOString(),
  })),
};

describe('change records per entity', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  const createStore = (databaseId: Parameters<typeof databases.init>[0]) =>
    createMigratedStore(databases, databaseId);

  it.each(databases.eachSupportedId())(
    "leaves the victim's lead time, PR stages and failures unchanged when another entity sent records of its commits first, on %p",
    async databaseId => {
      const query = { ...victim.window, entityRefs: [VICTIM] };
      const alone = await createStore(databaseId);
      await alone.ingest(victim);
      await alone.refresh();
      const expected = await alone.metrics(query);
      expect(expected.changeLeadTime.count).toBeGreaterThan(0);
      expect(expected.changeLeadTime.pullRequests).toBeGreaterThan(0);

      const squatted = await createStore(databaseId);
      const taken = await squatted.ingest({
        ...squat,
        // The fake parent exists too, so a walk through the squatter's edge would count it.
        changes: [
          {
            sha: shaOf(1),
            committedAt: '2000-01-01T00:00:00.000Z',
          },
          ...squat.changes,
        ],
      });
      expect(taken.inserted.changes).toBe(victim.changes.length + 1);
      const own = await squatted.ingest(victim);
      // Every victim record is stored as its own: none is a duplicate of the squatter's.
      expect(own.inserted.changes).toBe(victim.changes.length);
      expect(own.duplicates.changes).toBe(0);
      await squatted.refresh();
      const actual = await squatted.metrics(query);
      for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
        expect([key, actual[key]]).toEqual([key, expected[key]]);
      }
      expect(
        (
          await squatted.listDeployments({ entityRef: VICTIM, limit: 10_000 })
        ).map(d => [d.id, d.failureReasons]),
      ).toEqual(
        (await alone.listDeployments({ entityRef: VICTIM, limit: 10_000 })).map(
          d => [d.id, d.failureReasons],
        ),
      );

      // A later record of the same (SHA, entity) still only fills empty fields, and re-delivery is
      // a duplicate.
      const again = await squatted.ingest(victim);
      expect(again.inserted.changes).toBe(0);
      expect(again.duplicates.changes).toBe(victim.changes.length);
    },
  );

  it.each(databases.eachSupportedId())(
    "counts the entity's own record of a commit before the entity-less one, on %p",
    async databaseId => {
      const store = await createStore(databaseId);
      const deploy = (id: string, entityRef: string, hour: number) => ({
        id,
        entityRef,
        environment: 'production',
        status: 'success' as const,
        type: 'normal' as const,
        finishedAt: new Date(Date.UTC(2024, 0, 1, hour)).toISOString(),
        commitShas: [shaOf(7)],
        source: 'ci',
      });
      const hour = (h: number) =>
        new Date(Date.UTC(2024, 0, 1, h)).toISOString();
      await store.ingest({
        deployments: [deploy('d1', VICTIM, 10), deploy('o1', SQUATTER, 12)],
        changes: [
          // The entity-less records, e.g. from a trusted source that names no entity.
          { sha: shaOf(6), committedAt: hour(0) },
          { sha: shaOf(7), committedAt: hour(1), parents: [shaOf(6)] },
          // The victim's own record of 7, committed at hour 3 by its own account.
          { sha: shaOf(7), entityRef: VICTIM, committedAt: hour(3) },
        ],
        incidents: [],
      });
      await store.refresh();
      const window = {
        from: Date.UTC(2024, 0, 1),
        to: Date.UTC(2024, 0, 2),
      };
      const median = async (entityRef: string) => {
        const m = await store.metrics({ ...window, entityRefs: [entityRef] });
        return [m.changeLeadTime.count, m.changeLeadTime.median! / 3_600_000];
      };
      // Victim: 7 at hour 3 (7 h), 6 through the shared edge (10 h): median of two is the lower
      // (nearest rank). Squatter: 7 at hour 1 (11 h) and 6 (12 h).
      expect(await median(VICTIM)).toEqual([2, 7]);
      expect(await median(SQUATTER)).toEqual([2, 11]);
    },
  );
});

const directory = MIGRATIONS_DIRECTORY;
const MIGRATION = '202612061000_changes_per_entity.js';
const A = 'component:default/a';
const B = 'component:default/b';

describe(`migration ${MIGRATION}`, () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    're-keys change records by entity without losing a row or an edge, and back, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await migrateToBefore(knex, MIGRATION);
      // The previous schema: one record per SHA (2's record named A), one union of edges.
      await knex('changes').insert([
        {
          sha: shaOf(1),
          entity_ref: null,
          committed_at: '2024-01-01T00:00:00Z',
        },
        { sha: shaOf(2), entity_ref: A, committed_at: '2024-01-01T01:00:00Z' },
      ]);
      await knex('change_parents').insert([
        { sha: shaOf(2), parent_sha: shaOf(1) },
        { sha: shaOf(3), parent_sha: shaOf(2) },
      ]);
      await knex('deployments').insert({
        id: 'b1',
        entity_ref: B,
        environment: 'production',
        status: 'success',
        type: 'normal',
        finished_at: '2024-01-02T00:00:00Z',
        source: 'ci',
      });
      await knex('deployment_commits').insert({
        deployment_id: 'b1',
        entity_ref: B,
        source: 'ci',
        sha: shaOf(2),
        position: 0,
      });

      await knex.migrate.up({ directory });

      expect(
        await knex('changes').select('sha', 'entity_ref').orderBy('sha'),
      ).toEqual([
        { sha: shaOf(1), entity_ref: '' },
        { sha: shaOf(2), entity_ref: A },
      ]);
      // An edge belongs to its commit's stored record; an edge without one is entity-less.
      expect(
        await knex('change_parents')
          .select('sha', 'entity_ref', 'parent_sha')
          .orderBy('sha'),
      ).toEqual([
        { sha: shaOf(2), entity_ref: A, parent_sha: shaOf(1) },
        { sha: shaOf(3), entity_ref: '', parent_sha: shaOf(2) },
      ]);
      // B deployed a commit whose record is A's: B no longer counts it, so it is re-derived.
      expect((await knex('dora_refresh_queue')).map(r => r.entity_ref)).toEqual(
        [B],
      );

      // B's own record of the same commit is a record of its own, with an edge of its own.
      await knex('changes').insert({
        sha: shaOf(2),
        entity_ref: B,
        committed_at: '2024-01-01T02:00:00Z',
      });
      await knex('change_parents').insert({
        sha: shaOf(2),
        entity_ref: B,
        parent_sha: shaOf(1),
      });
      await expect(knex.migrate.down({ directory })).rejects.toThrow(
        /records of several entities/,
      );
      await knex('changes')
        .where({ sha: shaOf(2), entity_ref: B })
        .delete();
      await knex.migrate.down({ directory });
      expect(
        await knex('changes').select('sha', 'entity_ref').orderBy('sha'),
      ).toEqual([
        { sha: shaOf(1), entity_ref: null },
        { sha: shaOf(2), entity_ref: A },
      ]);
      expect(
        await knex('change_parents').select('sha', 'parent_sha').orderBy('sha'),
      ).toEqual([
        { sha: shaOf(2), parent_sha: shaOf(1) },
        { sha: shaOf(3), parent_sha: shaOf(2) },
      ]);
      await knex.migrate.latest({ directory });
    },
  );
});
