// @ts-check

/**
 * When a campaign's owners were reminded of its deadline (scorecard notifications): set once,
 * by the backend instance that claimed the reminder, so it is sent once however many instances
 * evaluate and however many passes run in the reminder window.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('scorecard_campaigns', table => {
    table
      .string('reminded_at', 32)
      .nullable()
      .comment('ISO 8601, UTC; when the deadline reminder was sent');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('scorecard_campaigns', table => {
    table.dropColumn('reminded_at');
  });
};
