// @ts-check

/**
 * Change records per entity. `changes` was keyed by SHA alone and `change_parents` was one union,
 * so whoever sent a commit's record first set its fields (committed time, PR, kind, entity) for
 * every entity that deploys it, and anyone's parent edges were followed by everyone's delivery
 * walks. Now a record is keyed by (sha, entity_ref), the entity-less record having entity_ref ''
 * (so the key has no NULL), and every parent edge belongs to the record that reported it. An
 * entity counts its own record of a commit, else the entity-less one (dora-common's
 * changesByEntity). Keys start with the SHA, so look-ups by SHA keep using the primary key.
 * Every statement is set-based; SQLite rebuilds the tables whose primary key changes.
 *
 * An existing edge is given the entity of its commit's stored record. Entities that deployed a
 * commit whose stored record names another entity are queued for re-derivation: they no longer
 * see that record.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex('changes').whereNull('entity_ref').update({ entity_ref: '' });
  await knex.schema.alterTable('changes', t => {
    t.dropPrimary();
  });
  await knex.schema.alterTable('changes', t => {
    t.string('entity_ref', 512).notNullable().defaultTo('').alter();
  });
  await knex.schema.alterTable('changes', t => {
    t.primary(['sha', 'entity_ref']);
  });

  await knex.schema.alterTable('change_parents', t => {
    t.string('entity_ref', 512).nullable();
  });
  await knex.raw(
    `UPDATE change_parents SET entity_ref = COALESCE(
       (SELECT c.entity_ref FROM changes c WHERE c.sha = change_parents.sha), '')`,
  );
  await knex.schema.alterTable('change_parents', t => {
    t.dropPrimary();
  });
  await knex.schema.alterTable('change_parents', t => {
    t.string('entity_ref', 512).notNullable().defaultTo('').alter();
  });
  await knex.schema.alterTable('change_parents', t => {
    t.primary(['sha', 'entity_ref', 'parent_sha']);
  });

  await knex.raw(
    `INSERT INTO dora_refresh_queue (entity_ref)
     SELECT DISTINCT dc.entity_ref FROM deployment_commits dc
       JOIN changes c ON c.sha = dc.sha
       WHERE c.entity_ref <> '' AND c.entity_ref <> dc.entity_ref
         AND NOT EXISTS (
           SELECT 1 FROM dora_refresh_queue q WHERE q.entity_ref = dc.entity_ref)`,
  );
};

/**
 * Back to one record per SHA. Refused while a commit has several records (going down would have
 * to drop all but one).
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const shared = await knex('changes')
    .select('sha')
    .groupBy('sha')
    .havingRaw('count(*) > 1')
    .first();
  if (shared) {
    throw new Error(
      `changes: commit ${shared.sha} has records of several entities; remove all but one before migrating down`,
    );
  }
  await knex.schema.alterTable('change_parents', t => {
    t.dropPrimary();
  });
  await knex.raw(
    `DELETE FROM change_parents WHERE EXISTS (
       SELECT 1 FROM change_parents other
       WHERE other.sha = change_parents.sha
         AND other.parent_sha = change_parents.parent_sha
         AND other.entity_ref < change_parents.entity_ref)`,
  );
  await knex.schema.alterTable('change_parents', t => {
    t.dropColumn('entity_ref');
  });
  await knex.schema.alterTable('change_parents', t => {
    t.primary(['sha', 'parent_sha']);
  });
  await knex.schema.alterTable('changes', t => {
    t.dropPrimary();
  });
  await knex.schema.alterTable('changes', t => {
    t.string('entity_ref', 512).nullable().alter();
  });
  await knex('changes').where('entity_ref', '').update({ entity_ref: null });
  await knex.schema.alterTable('changes', t => {
    t.primary(['sha']);
  });
};
