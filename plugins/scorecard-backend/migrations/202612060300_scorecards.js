// @ts-check

/**
 * Scorecard history, CI-pushed results and exemptions.
 *
 * - scorecard_days: one row per entity per day (UTC); the day's latest evaluation replaces the
 *   row, so yesterday's row is yesterday's last word and every score has a trend.
 * - scorecard_ci_results: results pushed from CI, keyed by run id so a retried push is a no-op.
 * - scorecard_exemptions: never deleted or edited except to record a revocation: the table is
 *   the audit trail of who exempted what, why and until when.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_days', table => {
    table.comment(
      'Scorecard of each entity per UTC day (latest evaluation that day)',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.string('title', 255).nullable();
    table.string('owner', 255).nullable();
    table.string('system', 255).nullable();
    table.string('domain', 255).nullable();
    table
      .string('level', 16)
      .nullable()
      .comment('bronze, silver, gold; null below bronze');
    table
      .integer('score')
      .nullable()
      .comment('0-100; null when nothing passed or failed');
    table.text('results').notNullable().comment('JSON CheckResult[]');
    table
      .string('inputs_hash', 64)
      .notNullable()
      .comment('sha256 of the signals judged');
    table.string('evaluated_at', 32).notNullable().comment('ISO 8601, UTC');
    table.primary(['entity_ref', 'day']);
    table.index(['day'], 'scorecard_days_day_idx');
    table.index(['owner'], 'scorecard_days_owner_idx');
  });
  await knex.schema.createTable('scorecard_ci_results', table => {
    table.comment('Check results pushed from CI (POST /api/scorecard/results)');
    table.string('run_id', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 63).notNullable();
    table.string('state', 16).notNullable().comment('pass or fail');
    table.text('message').nullable();
    table.text('evidence_url').nullable();
    table.string('reported_at', 32).notNullable().comment('ISO 8601, UTC');
    table.string('reported_by', 255).notNullable();
    table.primary(['run_id', 'entity_ref', 'check_id']);
    table.index(
      ['entity_ref', 'check_id', 'reported_at'],
      'scorecard_ci_latest_idx',
    );
  });
  await knex.schema.createTable('scorecard_exemptions', table => {
    table.comment(
      'Exemptions from checks; the audit trail (rows are never deleted)',
    );
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 63).notNullable();
    table.text('reason').notNullable();
    table.string('expires_at', 32).notNullable().comment('ISO 8601, UTC');
    table.string('created_by', 255).notNullable();
    table.string('created_at', 32).notNullable();
    table.string('revoked_by', 255).nullable();
    table.string('revoked_at', 32).nullable();
    table.index(['entity_ref'], 'scorecard_exemptions_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_exemptions');
  await knex.schema.dropTable('scorecard_ci_results');
  await knex.schema.dropTable('scorecard_days');
};
