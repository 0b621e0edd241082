import { TestDatabases } from '@backstage/backend-test-utils';
import {
  DAY_MS,
  ResolvedBatch,
  generateHistory,
} from '@internal/plugin-dora-common';
import { createMigratedStore } from '../__testUtils__/createStore';

jest.setTimeout(300_000);

const VICTIM = 'component:default/victim';
const SQUATTER = 'component:default/squatter';

// The victim's real history: deployments (every status and type), incidents with explicit causes
// (`causedBy.deploymentId`) and by commit, changes with PRs.
const victim = generateHistory({
  seed: 14,
  days: 60,
  services: [{ entityRef: VICTIM, profile: 'high' }],
});

/**
 * What a squatter sends first: every id the victim will use, for its own entity, with other
 * statuses and times, and incidents naming the victim's deployment ids as their cause.
 */
const squat: ResolvedBatch = {
  deployments: victim.deployments.map((d, i) => ({
    ...d,
    entityRef: SQUATTER,
    status: i % 2 ? 'failure' : 'success',
    type: i % 3 ? 'normal' : 'rollback',
    finishedAt: new Date(Date.parse(d.finishedAt) - DAY_MS).toISOString(),
    // Commits are shared by SHA (a monorepo's entities deploy the same ones): left out so the
    // squatter's own figures below depend on its events alone.
    commitShas: [],
  })),
  changes: [],
  incidents: [
    ...victim.incidents.map(inc => ({
      ...inc,
      entityRef: SQUATTER,
      resolvedAt: undefined,
    })),
    ...victim.deployments.slice(0, 20).map((d, i) => ({
      id: `squat-${i}`,
      entityRef: SQUATTER,
      openedAt: d.finishedAt,
      causedBy: { deploymentId: d.id },
    })),
  ],
};

describe('event ids per source and entity', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  const createStore = (databaseId: Parameters<typeof databases.init>[0]) =>
    createMigratedStore(databases, databaseId);

  it.each(databases.eachSupportedId())(
    "leaves the victim's figures unchanged, number by number, when its ids were taken first, on %p",
    async databaseId => {
      const query = { ...victim.window, entityRefs: [VICTIM] };

      const alone = await createStore(databaseId);
      await alone.ingest(victim);
      await alone.refresh();
      const expected = await alone.metrics(query);
      expect(expected.deploymentFrequency.count).toBeGreaterThan(0);
      expect(expected.changeFailureRate.count).toBeGreaterThan(0);
      expect(victim.incidents.some(i => i.causedBy?.deploymentId)).toBe(true);

      const squatted = await createStore(databaseId);
      const taken = await squatted.ingest(squat);
      expect(taken.inserted).toEqual({
        deployments: squat.deployments.length,
        changes: 0,
        incidents: squat.incidents.length,
      });
      // The victim's batch is stored whole: none of its records counts as a duplicate.
      const own = await squatted.ingest(victim);
      expect(own.inserted).toEqual({
        deployments: victim.deployments.length,
        changes: victim.changes.length,
        incidents: victim.incidents.length,
      });
      expect(own.duplicates).toEqual({
        deployments: 0,
        changes: 0,
        incidents: 0,
      });
      await squatted.refresh();
      const actual = await squatted.metrics(query);

      for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
        expect([key, actual[key]]).toEqual([key, expected[key]]);
      }
      expect(actual).toEqual(expected);
      // The same answer from the events as loaded for metricsFor, and in the drill-down.
      expect(
        (
          await squatted.listDeployments({ entityRef: VICTIM, limit: 10_000 })
        ).map(d => [d.id, d.status, d.failureReasons]),
      ).toEqual(
        (await alone.listDeployments({ entityRef: VICTIM, limit: 10_000 })).map(
          d => [d.id, d.status, d.failureReasons],
        ),
      );
      // The squatter's copies are its own events, counted for it alone: as if the victim had
      // sent nothing.
      const squatterOnly = await createStore(databaseId);
      await squatterOnly.ingest(squat);
      await squatterOnly.refresh();
      const squatterQuery = { ...victim.window, entityRefs: [SQUATTER] };
      expect(await squatted.metrics(squatterQuery)).toEqual(
        await squatterOnly.metrics(squatterQuery),
      );

      // Re-delivery of the same (source, entity, id) stays a duplicate.
      const again = await squatted.ingest(victim);
      expect(again.inserted).toEqual({
        deployments: 0,
        changes: 0,
        incidents: 0,
      });
      expect(again.duplicates.deployments).toBe(victim.deployments.length);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the same id from two sources of one entity as two deployments, on %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const deployment = {
        id: 'run-1',
        entityRef: VICTIM,
        environment: 'production',
        status: 'success' as const,
        type: 'normal' as const,
        finishedAt: '2024-01-02T00:00:00.000Z',
        commitShas: [],
        source: 'ci',
      };
      const result = await store.ingest({
        deployments: [deployment, { ...deployment, source: 'argo' }],
        changes: [],
        incidents: [],
      });
      expect(result.inserted.deployments).toBe(2);
      expect(
        (await store.listDeployments({ entityRef: VICTIM, limit: 10 })).map(
          d => d.source,
        ),
      ).toEqual(['ci', 'argo']);
    },
  );
});
