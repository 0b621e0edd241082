// @ts-check

// Derived rows computed under the previous lead-time and failure rules; emptied so the next start
// derives them again from the events (rebuildAllFacts runs when dora_daily is empty).
const DERIVED = [
  'dora_value_bins_weekly',
  'dora_value_bins',
  'dora_daily',
  'dora_pr_samples',
  'dora_lead_times',
  'dora_deployment_facts',
];

/** @param {import('knex').Knex} knex */
async function clearDerived(knex) {
  for (const table of DERIVED) await knex(table).delete();
}

/**
 * Commit ancestry: parent edges as sources report them (pushes, merged PRs, CDEvents
 * change.merged), the union of every record, so delivery order never matters. A deployment of a
 * SHA delivers every commit reachable through them. Facts gain the rollback inferred from
 * ancestry and whether a successful deployment's commits were all known (lead-time coverage).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('change_parents', table => {
    table.comment('Parent edges of commits, as reported by any source');
    table.string('sha', 64).notNullable();
    table.string('parent_sha', 64).notNullable();
    table.primary(['sha', 'parent_sha']);
    // Descendant walks: which deployments reach a newly reported commit.
    table.index(['parent_sha'], 'change_parents_parent_idx');
  });
  await clearDerived(knex);
  await knex.schema.alterTable('dora_deployment_facts', table => {
    table.boolean('replaced_by_ancestor').notNullable().defaultTo(false);
    table.boolean('ancestry_known').notNullable().defaultTo(false);
  });
  await knex.schema.alterTable('dora_daily', table => {
    table.integer('replaced_by_ancestor').notNullable().defaultTo(0);
    table.integer('ancestry_known').notNullable().defaultTo(0);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await clearDerived(knex);
  await knex.schema.alterTable('dora_daily', table => {
    table.dropColumn('replaced_by_ancestor');
    table.dropColumn('ancestry_known');
  });
  await knex.schema.alterTable('dora_deployment_facts', table => {
    table.dropColumn('replaced_by_ancestor');
    table.dropColumn('ancestry_known');
  });
  await knex.schema.dropTable('change_parents');
};
