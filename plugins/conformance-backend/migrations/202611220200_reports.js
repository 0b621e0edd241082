// @ts-check

/**
 * The latest conformance report of each catalog entity. Owner and system are copied from the
 * entity at evaluation time so the catalog-wide page filters without asking the catalog.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('conformance_reports', table => {
    table.comment('Latest golden-path conformance report per catalog entity');
    table.string('entity_ref', 255).primary().notNullable();
    table.string('title', 255).nullable();
    table.string('owner', 255).nullable();
    table.string('system', 255).nullable();
    table
      .integer('score')
      .nullable()
      .comment('0-100; null when nothing was evaluated');
    table.string('evaluated_at', 32).notNullable().comment('ISO 8601, UTC');
    table
      .text('failing_severities')
      .notNullable()
      .comment('JSON array of severities with failures');
    table.text('report').notNullable().comment('JSON EntityConformance');
    table.index(['owner'], 'conformance_reports_owner_idx');
    table.index(['system'], 'conformance_reports_system_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('conformance_reports');
};
