// @ts-check

/**
 * The latest drift of each service created from a golden path. Owner and template are copied
 * from the entity and the record at scan time so the /golden-paths page filters without asking
 * the catalog.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('golden_path_drift', table => {
    table.comment(
      'Latest drift per service from its recorded golden-path template version',
    );
    table.string('entity_ref', 255).primary().notNullable();
    table.string('title', 255).nullable();
    table.string('owner', 255).nullable();
    table.string('template', 255).notNullable();
    table.string('recorded_version', 32).notNullable();
    table.string('latest_version', 32).notNullable();
    table.integer('behind').notNullable();
    table.text('changed').notNullable().comment('JSON array of paths');
    table.text('missing').notNullable().comment('JSON array of paths');
    table.text('error').nullable().comment('why the comparison failed');
    table.string('scanned_at', 32).notNullable().comment('ISO 8601, UTC');
    table.index(
      ['template', 'recorded_version'],
      'golden_path_drift_template_idx',
    );
    table.index(['owner'], 'golden_path_drift_owner_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('golden_path_drift');
};
