// @ts-check

/**
 * DORA events. The unique keys make ingestion idempotent (first write wins, INSERT … ON CONFLICT
 * DO NOTHING): deployments and incidents by id, changes by sha. Ids are unique across sources
 * because dora-common deduplicates by id alone and `causedBy.deploymentId` names a deployment by
 * id only. Timestamps are UTC; `finished_at` is the time of a deployment everywhere.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployments', table => {
    table.comment('One deployment of one catalog entity to one environment');
    table.string('id', 256).primary().notNullable();
    table
      .string('entity_ref', 512)
      .notNullable()
      .comment('Canonical lowercase kind:namespace/name');
    table.string('environment', 63).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('success | failure | rolled_back | in_progress | cancelled');
    table
      .string('type', 16)
      .notNullable()
      .comment('normal | hotfix | rollback');
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).notNullable();
    table.string('version', 256).nullable();
    table.text('change_ids').nullable().comment('JSON array; informational');
    table.string('source', 256).notNullable();
    table.index(
      ['entity_ref', 'environment', 'finished_at'],
      'deployments_entity_env_finished_idx',
    );
    table.index(['finished_at'], 'deployments_finished_idx');
  });

  await knex.schema.createTable('deployment_commits', table => {
    table.comment('Commits (full SHAs) contained in a deployment');
    table
      .string('deployment_id', 256)
      .notNullable()
      .references('id')
      .inTable('deployments')
      .onDelete('CASCADE');
    table.string('sha', 64).notNullable();
    table
      .integer('position')
      .notNullable()
      .comment('Order in the reported commitShas');
    table.primary(['deployment_id', 'sha']);
    table.index(['sha'], 'deployment_commits_sha_idx');
  });

  await knex.schema.createTable('changes', table => {
    table.comment('Commits, optionally with the pull request that merged them');
    table.string('sha', 64).primary().notNullable();
    table.string('entity_ref', 512).nullable();
    table.timestamp('authored_at', { useTz: true }).nullable();
    table.timestamp('committed_at', { useTz: true }).notNullable();
    table.string('pr_id', 256).nullable();
    table.timestamp('pr_created_at', { useTz: true }).nullable();
    table.timestamp('pr_first_review_at', { useTz: true }).nullable();
    table.timestamp('pr_merged_at', { useTz: true }).nullable();
    table.index(['pr_id'], 'changes_pr_idx');
    table.index(['entity_ref', 'committed_at'], 'changes_entity_committed_idx');
  });

  await knex.schema.createTable('incidents', table => {
    table.comment('Incidents of one catalog entity');
    table.string('id', 256).primary().notNullable();
    table.string('entity_ref', 512).notNullable();
    table.string('severity', 256).nullable();
    table.timestamp('opened_at', { useTz: true }).notNullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.string('caused_by_deployment_id', 256).nullable();
    table.string('caused_by_commit_sha', 64).nullable();
    table.index(['entity_ref', 'opened_at'], 'incidents_entity_opened_idx');
    table.index(['caused_by_deployment_id'], 'incidents_caused_by_idx');
  });

  await knex.schema.createTable('incident_links', table => {
    table.comment(
      'Attribution of each incident to at most one production deployment (linkIncidents)',
    );
    table
      .string('incident_id', 256)
      .primary()
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('deployment_id', 256).notNullable();
    table
      .string('method', 16)
      .notNullable()
      .comment('explicit | by-commit | time-window');
    table
      .boolean('inferred')
      .notNullable()
      .comment('True only for time-window links');
    table.index(['deployment_id'], 'incident_links_deployment_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('incident_links');
  await knex.schema.dropTable('incidents');
  await knex.schema.dropTable('changes');
  await knex.schema.dropTable('deployment_commits');
  await knex.schema.dropTable('deployments');
};
