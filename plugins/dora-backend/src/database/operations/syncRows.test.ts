import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { syncRows } from './syncRows';

jest.setTimeout(60_000);

describe('syncRows', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function table(knex: Knex) {
    await knex.schema.createTable('samples', t => {
      t.string('id').primary();
      t.string('scope').notNullable();
      t.string('label').nullable();
      t.bigInteger('value_ms').nullable();
      t.boolean('flag').notNullable();
    });
    await knex('samples').insert([
      {
        id: 'a',
        scope: 's1',
        label: '007',
        value_ms: 5_000_000_000,
        flag: true,
      },
      { id: 'b', scope: 's1', label: 'x', value_ms: null, flag: false },
      { id: 'c', scope: 's1', label: 'gone', value_ms: 1, flag: false },
      { id: 'z', scope: 's2', label: 'other scope', value_ms: 1, flag: true },
    ]);
  }

  it.each(databases.eachSupportedId())(
    'writes only the difference within the scopes, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await table(knex);
      const spec = { table: 'samples', key: ['id'], scope: 'scope' };
      const rows = [
        // Unchanged, though PostgreSQL returns the bigint as text and SQLite the flag as 0/1.
        {
          id: 'a',
          scope: 's1',
          label: '007',
          value_ms: 5_000_000_000,
          flag: true,
        },
        // Changed: a string equal to the stored one only as a number.
        { id: 'b', scope: 's1', label: 'x', value_ms: null, flag: true },
        { id: 'd', scope: 's1', label: '7', value_ms: 2, flag: false },
      ];
      const first = await knex.transaction(trx =>
        syncRows(trx, spec, ['s1'], rows),
      );
      expect(first.inserted.map(r => r.id).sort()).toEqual(['b', 'd']);
      expect(first.removed.map(r => r.id).sort()).toEqual(['b', 'c']);
      const stored = await knex('samples').orderBy('id');
      expect(stored.map(r => [r.id, r.label, Boolean(r.flag)])).toEqual([
        ['a', '007', true],
        ['b', 'x', true],
        ['d', '7', false],
        ['z', 'other scope', true],
      ]);

      // A label that differs only as text ("007" → "7") is a change.
      const second = await knex.transaction(trx =>
        syncRows(
          trx,
          spec,
          ['s1'],
          [{ ...rows[0], label: '7' }, ...rows.slice(1)],
        ),
      );
      expect(second.inserted.map(r => r.id)).toEqual(['a']);
      expect(second.removed.map(r => r.id)).toEqual(['a']);
      // Nothing to do the third time.
      const third = await knex.transaction(trx =>
        syncRows(
          trx,
          spec,
          ['s1'],
          [{ ...rows[0], label: '7' }, ...rows.slice(1)],
        ),
      );
      expect(third).toEqual({ inserted: [], removed: [] });
    },
  );
});
