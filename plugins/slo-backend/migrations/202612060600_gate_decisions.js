// @ts-check

/**
 * Every answer of the deploy gate, so a month's denials can be counted afterwards (the monthly
 * review). One row per `GET /gate`; the retention task deletes rows with the rollups.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_gate_decisions', t => {
    t.comment('Answers of the deploy gate (GET /gate), one per request');
    t.bigIncrements('id').primary();
    t.string('entity_ref', 255).notNullable();
    t.bigInteger('decided_at').notNullable().comment('Epoch milliseconds');
    t.boolean('allowed').notNullable();
    t.string('change_type', 255).nullable();
    t.text('reasons').notNullable().comment('JSON array of the reasons given');
    t.index(['decided_at', 'entity_ref'], 'slo_gate_decisions_time_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_gate_decisions');
};
