// @ts-check

/**
 * GitHub delivery ids (`X-GitHub-Delivery`) already processed: a redelivered webhook is
 * acknowledged without being translated and stored again.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_github_deliveries', table => {
    table.comment('GitHub webhook deliveries processed, by X-GitHub-Delivery');
    table.string('delivery_id', 128).primary().notNullable();
    table.bigInteger('received_ms').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_github_deliveries');
};
