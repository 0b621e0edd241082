// @ts-check

// Counters of dora_daily, as DAILY_COUNTS in src/database/operations/refreshFacts.ts: a
// migration keeps its own copy, so later code changes cannot alter what it created.
const DAILY_COUNTS = [
  'completed',
  'successes',
  'failed',
  'failed_status',
  'rolled_back',
  'followed_by_rollback',
  'caused_incident',
  'inferred_only',
  'rework',
  'hotfixes',
  'restored_incident',
];

/**
 * Derived tables behind GET /metrics. They are maintained by DoraStore.ingest in the same
 * transaction as the events, from dora-common's pure fact functions, so the SQL aggregation of
 * them equals metricsFor. Times are epoch milliseconds (bigint) and days are UTC day numbers
 * (floor(ms / 86 400 000)): integers compare the same way on PostgreSQL and SQLite, which the
 * timestamp columns of the event tables do not.
 *
 * The tables are derived data: `down` drops them and the next start rebuilds them from the events.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_deployment_facts', table => {
    table.comment(
      'Per completed deployment and environment: the facts the stability keys count',
    );
    table.string('deployment_id', 256).primary().notNullable();
    table.string('entity_ref', 512).notNullable();
    table.string('environment', 63).notNullable();
    table.bigInteger('finished_ms').notNullable();
    table.integer('day').notNullable().comment('UTC day number of finished_ms');
    table.boolean('success').notNullable();
    table.boolean('failed').notNullable();
    table.boolean('failed_status').notNullable();
    table.boolean('rolled_back').notNullable();
    table.boolean('followed_by_rollback').notNullable();
    table.boolean('caused_incident').notNullable();
    table.boolean('inferred_only').notNullable();
    table.boolean('rework').notNullable();
    table.boolean('hotfix').notNullable();
    table.boolean('restored_incident').notNullable();
    table
      .bigInteger('recovery_ms')
      .nullable()
      .comment('Failed and restored only: restored at - finished_ms');
    table.index(['environment', 'day'], 'dora_facts_env_day_idx');
    table.index(['entity_ref', 'environment'], 'dora_facts_entity_env_idx');
    table.index(
      ['environment', 'finished_ms', 'recovery_ms'],
      'dora_facts_env_recovery_idx',
    );
  });

  await knex.schema.createTable('dora_lead_times', table => {
    table.comment(
      'Lead-time samples: one per (change, entity) first deployment',
    );
    table.string('sha', 64).notNullable();
    table.string('entity_ref', 512).notNullable();
    table.string('environment', 63).notNullable();
    table.string('deployment_id', 256).notNullable();
    table.bigInteger('deployed_ms').notNullable();
    table.bigInteger('lead_time_ms').notNullable();
    table.primary(['sha', 'entity_ref', 'environment']);
    // Covering index: the median queries read only these columns.
    table.index(
      ['environment', 'deployed_ms', 'lead_time_ms', 'entity_ref'],
      'dora_lead_times_env_deployed_idx',
    );
    table.index(['entity_ref', 'environment'], 'dora_lead_times_entity_idx');
  });

  await knex.schema.createTable('dora_pr_samples', table => {
    table.comment(
      'PR stage durations (ms) per (PR, entity), at its first deployment',
    );
    table.string('pr_id', 256).notNullable();
    table.string('entity_ref', 512).notNullable();
    table.string('environment', 63).notNullable();
    table.bigInteger('deployed_ms').notNullable();
    table.bigInteger('coding_ms').nullable();
    table.bigInteger('pickup_ms').nullable();
    table.bigInteger('review_ms').nullable();
    table.bigInteger('deploy_ms').nullable();
    table.primary(['pr_id', 'entity_ref', 'environment']);
    table.index(['environment', 'deployed_ms'], 'dora_pr_samples_env_idx');
    table.index(['entity_ref', 'environment'], 'dora_pr_samples_entity_idx');
  });

  await knex.schema.createTable('dora_daily', table => {
    table.comment(
      'Per UTC day, environment and entity (scope_ref = entity ref) or the whole org (scope_ref = *): sums of dora_deployment_facts',
    );
    table.string('scope_ref', 512).notNullable();
    table.string('environment', 63).notNullable();
    table.integer('day').notNullable();
    for (const column of DAILY_COUNTS) {
      table.integer(column).notNullable().defaultTo(0);
    }
    table.primary(['scope_ref', 'environment', 'day']);
    table.index(['environment', 'day'], 'dora_daily_env_day_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_daily');
  await knex.schema.dropTable('dora_pr_samples');
  await knex.schema.dropTable('dora_lead_times');
  await knex.schema.dropTable('dora_deployment_facts');
};
