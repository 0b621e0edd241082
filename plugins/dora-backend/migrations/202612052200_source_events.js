// @ts-check

/**
 * What the source routes received per UTC day: attributed, ignored (by reason code) or refused
 * (4xx), per source, for GET /coverage.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_source_events', table => {
    table.comment('Events received by the source routes, per day and outcome');
    table.integer('day').notNullable().comment('UTC day number');
    table.string('source', 64).notNullable();
    table
      .string('outcome', 64)
      .notNullable()
      .comment('attributed, ignored:<reason code> or refused');
    table.integer('n').notNullable().defaultTo(0);
    table.primary(['day', 'source', 'outcome']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_source_events');
};
