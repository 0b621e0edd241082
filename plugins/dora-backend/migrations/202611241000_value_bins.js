// @ts-check

const STAGES = ['coding', 'pickup', 'review', 'deploy'];

/**
 * Log-scale bins (src/metrics/valueBins.ts) of every duration sample, and the org-wide count
 * per (metric, environment, day or Monday-start week, bin). The org median or p90 sums the
 * counts to find the bin holding the wanted rank, then orders only that bin's samples: exact,
 * without sorting a million rows per request.
 *
 * Entity-scoped percentiles read samples by entity and time: those indexes now cover the time
 * and value, so the planner no longer prefers scanning the whole org's time range.
 *
 * The bin columns start empty, so every entity is queued for re-derivation, which fills them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dora_lead_times', table => {
    table.integer('bin').nullable();
    table.dropIndex([], 'dora_lead_times_entity_idx');
    table.index(
      ['entity_ref', 'environment', 'deployed_ms', 'lead_time_ms'],
      'dora_lead_times_entity_idx',
    );
    table.index(
      ['environment', 'bin', 'deployed_ms', 'lead_time_ms'],
      'dora_lead_times_env_bin_idx',
    );
  });
  await knex.schema.alterTable('dora_deployment_facts', table => {
    table.integer('recovery_bin').nullable();
    table.index(
      ['environment', 'recovery_bin', 'finished_ms', 'recovery_ms'],
      'dora_facts_env_recovery_bin_idx',
    );
  });
  await knex.schema.alterTable('dora_pr_samples', table => {
    table.dropIndex([], 'dora_pr_samples_entity_idx');
    table.index(
      ['entity_ref', 'environment', 'deployed_ms'],
      'dora_pr_samples_entity_idx',
    );
    for (const stage of STAGES) {
      table.integer(`${stage}_bin`).nullable();
      table.index(
        ['environment', `${stage}_bin`, 'deployed_ms', `${stage}_ms`],
        `dora_pr_samples_${stage}_bin_idx`,
      );
    }
  });
  await knex.schema.createTable('dora_value_bins', table => {
    table.comment(
      'Org-wide count of duration samples per metric, environment, UTC day and log-scale bin',
    );
    table
      .string('metric', 16)
      .notNullable()
      .comment(
        'lead_time, recovery, or a PR stage: coding, pickup, review, deploy',
      );
    table.string('environment', 63).notNullable();
    table.integer('day').notNullable();
    table.integer('bin').notNullable();
    table.integer('n').notNullable();
    table.primary(['metric', 'environment', 'day', 'bin']);
  });
  await knex.schema.createTable('dora_value_bins_weekly', table => {
    table.comment('dora_value_bins summed per Monday-start UTC week');
    table.string('metric', 16).notNullable();
    table.string('environment', 63).notNullable();
    table.integer('week').notNullable().comment('UTC day number of the Monday');
    table.integer('bin').notNullable();
    table.integer('n').notNullable();
    table.primary(['metric', 'environment', 'week', 'bin']);
  });
  await knex.raw(
    'INSERT INTO dora_refresh_queue (entity_ref) SELECT DISTINCT entity_ref FROM deployments',
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_value_bins_weekly');
  await knex.schema.dropTable('dora_value_bins');
  await knex.schema.alterTable('dora_pr_samples', table => {
    table.dropIndex([], 'dora_pr_samples_entity_idx');
    table.index(['entity_ref', 'environment'], 'dora_pr_samples_entity_idx');
    for (const stage of STAGES) {
      table.dropIndex([], `dora_pr_samples_${stage}_bin_idx`);
      table.dropColumn(`${stage}_bin`);
    }
  });
  await knex.schema.alterTable('dora_deployment_facts', table => {
    table.dropIndex([], 'dora_facts_env_recovery_bin_idx');
    table.dropColumn('recovery_bin');
  });
  await knex.schema.alterTable('dora_lead_times', table => {
    table.dropIndex([], 'dora_lead_times_entity_idx');
    table.index(['entity_ref', 'environment'], 'dora_lead_times_entity_idx');
    table.dropIndex([], 'dora_lead_times_env_bin_idx');
    table.dropColumn('bin');
  });
};
