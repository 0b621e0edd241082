// @ts-check

/**
 * Monthly review snapshots (a month's figures frozen once, so later readings do not move) and
 * the notes and action items leads add to a team's row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('review_snapshots', table => {
    table.comment(
      'A month of a scope, computed once at or after the month end',
    );
    table.string('month', 7).notNullable().comment('YYYY-MM, UTC');
    table.string('scope', 255).notNullable();
    table.string('created_at', 32).notNullable().comment('ISO 8601, UTC');
    table.text('review').notNullable().comment('JSON Review');
    table
      .text('counts')
      .notNullable()
      .comment('JSON ReviewEventCounts of the scope, for the late-data note');
    table.primary(['month', 'scope']);
  });
  await knex.schema.createTable('review_items', table => {
    table.comment('Notes and action items on a row of a month');
    table.string('id', 36).primary().notNullable();
    table.string('month', 7).notNullable();
    table.string('row_ref', 255).notNullable();
    table.string('team', 255).notNullable();
    table.string('kind', 16).notNullable().comment('note or action');
    table.text('text').notNullable();
    table.string('owner', 255).nullable();
    table.string('due_date', 10).nullable().comment('YYYY-MM-DD');
    table.string('state', 16).nullable().comment('open, done or dropped');
    table.string('created_by', 255).notNullable();
    table.string('created_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
    table.index(['month'], 'review_items_month_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('review_items');
  await knex.schema.dropTable('review_snapshots');
};
