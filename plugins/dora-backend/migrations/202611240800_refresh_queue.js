// @ts-check

/**
 * Entities whose derived rows (incident links, facts, rollups) are behind their events. Ingest
 * only stores events and bumps an entity's generation here; a refresh pass re-derives queued
 * entities and removes a row only if its generation is unchanged, so events stored while the
 * pass ran keep their entity queued. Many batches touching one service cost one re-derivation.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_refresh_queue', table => {
    table.comment('Entities whose derived DORA rows are behind their events');
    table.string('entity_ref', 512).primary().notNullable();
    table.integer('generation').notNullable().defaultTo(1);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_refresh_queue');
};
