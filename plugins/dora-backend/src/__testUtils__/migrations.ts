import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** This plugin's migrations folder. */
export const MIGRATIONS_DIRECTORY = resolvePackagePath(
  '@internal/plugin-dora-backend',
  'migrations',
);

/**
 * Runs the migrations before `migration` one by one, leaving it pending: a migration test seeds
 * rows as the previous schema held them, then migrates up (and down) across exactly that step.
 */
export async function migrateToBefore(knex: Knex, migration: string) {
  for (;;) {
    const [, pending] = await knex.migrate.list({
      directory: MIGRATIONS_DIRECTORY,
    });
    const next = pending[0]?.file ?? pending[0]?.name;
    if (next === migration) return;
    if (next === undefined) {
      throw new Error(`migration ${migration} is not pending`);
    }
    await knex.migrate.up({ directory: MIGRATIONS_DIRECTORY });
  }
}
