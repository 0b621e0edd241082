// @ts-check

/**
 * Campaigns: a set of checks every entity in a scope (owner, system, tag) should pass by a
 * deadline. Their progress is read from scorecard_days; nothing is stored per campaign per day.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_campaigns', table => {
    table.comment('Scorecard campaigns: check set, deadline and scope');
    table.increments('id');
    table.string('title', 255).notNullable();
    table.text('check_ids').notNullable().comment('JSON string[]');
    table.string('deadline', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.string('scope_owner', 255).nullable().comment('group entity ref');
    table.string('scope_system', 255).nullable().comment('system entity ref');
    table.string('scope_tag', 255).nullable();
    table.string('created_by', 255).notNullable();
    table.string('created_at', 32).notNullable().comment('ISO 8601, UTC');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_campaigns');
};
