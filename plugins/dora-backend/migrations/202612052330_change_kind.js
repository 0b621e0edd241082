// @ts-check

/**
 * An explicit signal on a change: `hotfix` (a PR with the hotfix label) or `revert` (a revert
 * PR). The deployment that delivers the change counts as a hotfix or a rollback.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('changes', table => {
    table.string('kind', 16).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('changes', table => {
    table.dropColumn('kind');
  });
};
