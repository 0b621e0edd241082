// @ts-check

/**
 * Each report's roll-up (workload count, worst verdict per check, verdict counts, cluster
 * errors) kept beside it, so the catalog-wide list reads a few hundred bytes per entity rather
 * than parsing every whole report. Rows written before have none; the list rolls their report
 * up when it reads them, until their next judgement writes it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('conformance_reports', table => {
    table
      .text('summary')
      .nullable()
      .comment(
        'JSON roll-up of the report: workloadCount, verdicts, summary, clusterErrors',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('conformance_reports', table => {
    table.dropColumn('summary');
  });
};
