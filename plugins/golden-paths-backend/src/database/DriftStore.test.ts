import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { GoldenPathDrift } from '@internal/plugin-golden-paths-common';
import { DriftStore } from './DriftStore';

jest.setTimeout(60_000);

function drift(
  name: string,
  extra: Partial<GoldenPathDrift> = {},
): GoldenPathDrift {
  return {
    entityRef: `component:default/${name}`,
    owner: 'group:default/payments',
    template: 'template:default/http-api',
    recordedVersion: '1.0.0',
    latestVersion: '1.1.0',
    behind: 1,
    changed: ['README.md'],
    missing: [],
    scannedAt: '2026-12-06T03:00:00.000Z',
    ...extra,
  };
}

describe('DriftStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      return DriftStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
    }

    it('replaces a scan with the next, dropping services no longer scanned', async () => {
      const store = await createStore();
      await store.replaceAll([drift('a'), drift('b'), drift('c')]);
      await store.replaceAll([
        drift('a', { recordedVersion: '1.1.0', behind: 0, changed: [] }),
        drift('c'),
      ]);
      expect((await store.list()).map(d => [d.entityRef, d.behind])).toEqual([
        ['component:default/c', 1],
        ['component:default/a', 0],
      ]);
      expect(await store.get('component:default/b')).toBeUndefined();
      expect(await store.get('component:default/a')).toEqual(
        drift('a', { recordedVersion: '1.1.0', behind: 0, changed: [] }),
      );
    });

    it('keeps an unreadable repository with its error and without optional facts', async () => {
      const store = await createStore();
      const failed: GoldenPathDrift = {
        entityRef: 'component:default/gone',
        template: 'template:default/worker',
        recordedVersion: '1.0.0',
        latestVersion: '1.0.0',
        behind: 0,
        changed: [],
        missing: [],
        scannedAt: '2026-12-06T03:00:00.000Z',
        error: 'no branch main',
      };
      await store.upsert(failed);
      expect(await store.get(failed.entityRef)).toEqual(failed);
    });

    it('filters by template, recorded version, owner and behind', async () => {
      const store = await createStore();
      await store.replaceAll([
        drift('a', {
          behind: 2,
          recordedVersion: '1.0.0',
          latestVersion: '1.2.0',
        }),
        drift('b', { owner: 'group:default/search' }),
        drift('c', { template: 'template:default/worker' }),
        drift('d', { behind: 0, recordedVersion: '1.1.0' }),
      ]);
      const refs = async (filter: Parameters<typeof store.list>[0]) =>
        (await store.list(filter)).map(d => d.entityRef.split('/')[1]);
      expect(await refs({})).toEqual(['a', 'b', 'c', 'd']);
      expect(await refs({ template: 'template:default/http-api' })).toEqual([
        'a',
        'b',
        'd',
      ]);
      expect(await refs({ version: '1.1.0' })).toEqual(['d']);
      expect(await refs({ owner: 'group:default/search' })).toEqual(['b']);
      expect(await refs({ behind: true })).toEqual(['a', 'b', 'c']);
      expect(await refs({ behind: false })).toEqual(['d']);
    });
  });
});
