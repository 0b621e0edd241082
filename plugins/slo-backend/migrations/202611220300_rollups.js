// @ts-check

/**
 * Five-minute good/total event rollups per SLO, and the collector's bookkeeping per SLO.
 * A missing bucket means no data (never collected), a bucket with total 0 means no traffic.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_rollups', table => {
    table.comment('Good and total events per SLO and 5-minute bucket');
    table.string('slo_id', 255).notNullable();
    table
      .bigInteger('bucket_start')
      .notNullable()
      .comment('Epoch seconds, a multiple of 300');
    table.double('good').notNullable();
    table.double('total').notNullable();
    table.primary(['slo_id', 'bucket_start']);
  });
  await knex.schema.createTable('slo_collection_state', table => {
    table.comment('Collector bookkeeping per SLO');
    table.string('slo_id', 255).primary().notNullable();
    table
      .bigInteger('last_bucket')
      .nullable()
      .comment('Start of the newest collected bucket, epoch seconds');
    table.string('last_success_at', 32).nullable().comment('ISO 8601, UTC');
    table.text('last_error').nullable();
    table.boolean('stale').notNullable().defaultTo(false);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_collection_state');
  await knex.schema.dropTable('slo_rollups');
};
