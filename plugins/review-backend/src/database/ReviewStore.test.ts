import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Review } from '@internal/plugin-review-common';
import { DatabaseReviewStore } from './ReviewStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const review: Review = {
  month: '2026-10',
  previousMonth: '2026-09',
  scope: 'organization',
  source: 'snapshot',
  hasScorecard: false,
  rows: [],
  warnings: ['slo: none'],
};

describe.each(databases.eachSupportedId())('DatabaseReviewStore on %s', id => {
  async function create() {
    const knex = await databases.init(id);
    const store = await DatabaseReviewStore.create({
      database: { getClient: async () => knex },
    });
    return { knex, store };
  }

  it('stores a snapshot once per month and scope', async () => {
    const { store } = await create();
    const snapshot = {
      month: '2026-10',
      scope: 'organization',
      createdAt: '2026-11-01T00:20:00.000Z',
      review,
      counts: { deployments: 3, leadTimeSamples: 2, failedDeployments: 1 },
    };
    await store.insertSnapshot(snapshot);
    await expect(store.getSnapshot('2026-10', 'organization')).resolves.toEqual(
      snapshot,
    );
    await expect(
      store.insertSnapshot({ ...snapshot, review: { ...review, rows: [] } }),
    ).rejects.toThrow(/already has a snapshot/);
    await store.insertSnapshot({ ...snapshot, scope: 'group:default/a' });
    await expect(store.listSnapshotScopes('2026-10')).resolves.toEqual([
      'group:default/a',
      'organization',
    ]);
    await expect(store.getSnapshot('2026-09', 'organization')).resolves.toBe(
      undefined,
    );
  });

  it('adds and updates notes and actions', async () => {
    const { store } = await create();
    const action = await store.addItem(
      {
        month: '2026-10',
        rowRef: 'group:default/payments',
        team: 'group:default/payments',
        kind: 'action',
        text: 'Split the review queue',
        owner: 'user:default/ana',
        dueDate: '2026-11-15',
        createdBy: 'user:default/ana',
      },
      new Date('2026-11-02T10:00:00Z'),
    );
    expect(action.state).toBe('open');
    const note = await store.addItem(
      {
        month: '2026-11',
        rowRef: 'group:default/payments',
        team: 'group:default/payments',
        kind: 'note',
        text: 'Pickup time doubled',
        createdBy: 'user:default/ana',
      },
      new Date('2026-12-02T10:00:00Z'),
    );
    expect(note.state).toBeUndefined();
    const done = await store.updateItem(
      action.id,
      { state: 'done', dueDate: '' },
      new Date('2026-11-10T10:00:00Z'),
    );
    const { dueDate: _cleared, ...rest } = action;
    expect(done).toEqual({
      ...rest,
      state: 'done',
      updatedAt: '2026-11-10T10:00:00.000Z',
    });
    expect((await store.listItems(['2026-10'])).map(i => i.id)).toEqual([
      action.id,
    ]);
    expect(
      (await store.listItems(['2026-10', '2026-11'])).map(i => i.kind),
    ).toEqual(['action', 'note']);
    await expect(store.getItem('nope')).resolves.toBeUndefined();
  });

  it('migrates down and up again over real rows', async () => {
    const { knex, store } = await create();
    await store.insertSnapshot({
      month: '2026-10',
      scope: 'organization',
      createdAt: '2026-11-01T00:20:00.000Z',
      review,
      counts: { deployments: 0, leadTimeSamples: 0, failedDeployments: 0 },
    });
    const directory = resolvePackagePath(
      '@internal/plugin-review-backend',
      'migrations',
    );
    await knex.migrate.rollback({ directory }, true);
    expect(await knex.schema.hasTable('review_snapshots')).toBe(false);
    expect(await knex.schema.hasTable('review_items')).toBe(false);
    await knex.migrate.latest({ directory });
    await expect(store.getSnapshot('2026-10', 'organization')).resolves.toBe(
      undefined,
    );
  });
});
