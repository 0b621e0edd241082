// @ts-check

/**
 * Lead-time samples by value within a bin. The org-wide median and p90 read the one sample at a
 * rank of the bin that holds it; over a window of months that bin holds ~16,000 per-commit
 * samples, which the (bin, time) index had to read and partially sort. In value order the
 * database walks from the end nearer the rank and stops there (0.5 ms instead of 20-30 ms on
 * the P1 bench); a week's few hundred samples still come from the (bin, time) index, which the
 * planner picks by the share of the bin in the time range.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dora_lead_times', table => {
    table.index(
      ['environment', 'bin', 'lead_time_ms', 'deployed_ms'],
      'dora_lead_times_env_bin_value_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dora_lead_times', table => {
    table.dropIndex([], 'dora_lead_times_env_bin_value_idx');
  });
};
