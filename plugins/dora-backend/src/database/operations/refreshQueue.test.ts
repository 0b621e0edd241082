import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { generateHistory } from '@internal/plugin-dora-common';
import { Knex } from 'knex';
import { DatabaseDoraStore } from '../DoraStore';
import { refreshFacts } from './refreshFacts';
import { refreshQueued } from './refreshQueue';

jest.mock('./refreshFacts', () => {
  const actual = jest.requireActual('./refreshFacts');
  return { ...actual, refreshFacts: jest.fn(actual.refreshFacts) };
});

jest.setTimeout(300_000);

const history = generateHistory({
  seed: 11,
  days: 60,
  services: [
    { entityRef: 'component:default/a', profile: 'elite' },
    { entityRef: 'component:default/b', profile: 'high' },
    { entityRef: 'component:default/c', profile: 'medium' },
    { entityRef: 'component:default/d', profile: 'medium' },
  ],
});

// Counted from the generated events, not from the store.
const deploymentsOf = new Map<string, number>();
for (const d of history.deployments) {
  deploymentsOf.set(d.entityRef, (deploymentsOf.get(d.entityRef) ?? 0) + 1);
}

/** Every table but the migrations' own, each sorted: what two stores hold, comparable. */
async function dump(knex: Knex): Promise<Record<string, string[]>> {
  const tables: string[] =
    knex.client.config.client === 'pg'
      ? (
          await knex('information_schema.tables')
            .where('table_schema', knex.raw('current_schema()'))
            .select('table_name')
        ).map((r: { table_name: string }) => r.table_name)
      : (await knex('sqlite_master').where('type', 'table').select('name')).map(
          (r: { name: string }) => r.name,
        );
  const out: Record<string, string[]> = {};
  for (const table of tables.filter(
    t => !t.startsWith('knex_') && !t.startsWith('sqlite_'),
  )) {
    out[table] = (await knex(table).select())
      .map(r => JSON.stringify(r))
      .sort();
  }
  return out;
}

describe('refreshQueued', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  const storeOn = async (databaseId: Parameters<typeof databases.init>[0]) => {
    const knex = await databases.init(databaseId);
    const store = await DatabaseDoraStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    await store.ingest(history);
    return { knex, store };
  };

  it.each(databases.eachSupportedId())(
    'derives a queue of several services a few deployments at a time, to the same rows as all at once, on %p',
    async databaseId => {
      const counts = [...deploymentsOf.values()].sort((x, y) => x - y);
      // Room for the two smallest services together, not for the largest with anything.
      const ceiling = counts[0] + counts[1];
      expect(counts[3]).toBeGreaterThan(ceiling);

      const bounded = await storeOn(databaseId);
      const spy = refreshFacts as jest.MockedFunction<typeof refreshFacts>;
      spy.mockClear();
      expect(await refreshQueued(bounded.knex, 200, ceiling)).toBe(4);
      const groups = spy.mock.calls.map(([, refs]) => [...refs].sort());
      expect(groups.length).toBeGreaterThan(1);
      expect(groups.flat().sort()).toEqual([...deploymentsOf.keys()].sort());
      for (const refs of groups) {
        const total = refs.reduce((n, r) => n + deploymentsOf.get(r)!, 0);
        expect(refs.length === 1 || total <= ceiling).toBe(true);
      }
      // The two smallest together; the largest alone although it exceeds the ceiling.
      const refOf = (n: number) =>
        [...deploymentsOf].find(([, m]) => m === n)![0];
      expect(groups).toContainEqual(
        [refOf(counts[0]), refOf(counts[1])].sort(),
      );
      expect(groups).toContainEqual([refOf(counts[3])]);

      const whole = await storeOn(databaseId);
      spy.mockClear();
      expect(await refreshQueued(whole.knex, 200, Infinity)).toBe(4);
      expect(spy).toHaveBeenCalledTimes(1);

      const [a, b] = [await dump(bounded.knex), await dump(whole.knex)];
      expect(a.dora_refresh_queue).toEqual([]);
      expect(a.dora_lead_times.length).toBeGreaterThan(0);
      expect(a.dora_value_bins.length).toBeGreaterThan(0);
      expect(a).toEqual(b);
    },
  );

  it.each(databases.eachSupportedId())(
    'opens no transaction while the queue is empty, on %p',
    async databaseId => {
      const { knex } = await storeOn(databaseId);
      expect(await refreshQueued(knex)).toBe(4);
      const statements: string[] = [];
      knex.on('query', (q: { sql: string }) => statements.push(q.sql));
      expect(await refreshQueued(knex)).toBe(0);
      expect(await refreshQueued(knex)).toBe(0);
      // One read each: no BEGIN, no lock.
      expect(statements).toHaveLength(2);
      expect(statements.join(' ')).not.toMatch(/begin|advisory/i);
      // Queued again by an ingest: drained in a transaction.
      await knex('dora_refresh_queue').insert({
        entity_ref: 'component:default/a',
        generation: 1,
      });
      statements.length = 0;
      expect(await refreshQueued(knex)).toBe(1);
      expect(statements.join(' ')).toMatch(/begin/i);
    },
  );
});
