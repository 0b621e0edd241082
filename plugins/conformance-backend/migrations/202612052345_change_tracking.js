// @ts-check

/**
 * What a report was judged from, so the plugin re-judges an entity only when that changes: the
 * catalog entity's etag and the cluster/namespace/kind/name keys of its workloads (a watched
 * workload or namespace object maps back to the entities it affects without reading reports).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('conformance_reports', table => {
    table
      .string('entity_etag', 255)
      .nullable()
      .comment(
        'metadata.etag of the catalog entity the report was judged from',
      );
    table
      .text('workload_keys')
      .nullable()
      .comment(
        'JSON array of cluster/namespace/kind/name of the judged workloads',
      );
    table.index(['evaluated_at'], 'conformance_reports_evaluated_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('conformance_reports', table => {
    table.dropIndex(['evaluated_at'], 'conformance_reports_evaluated_at_idx');
    table.dropColumn('entity_etag');
    table.dropColumn('workload_keys');
  });
};
