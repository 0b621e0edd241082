// @ts-check

/**
 * Event ids per source and entity. Deployments were keyed by `id` alone and incidents too, so
 * whoever sent an id first held it for every entity (a squatter could block another service's
 * real event). Deployments are now keyed by (entity_ref, source, id) and incidents by
 * (entity_ref, id); the rows that name them (commits, incident links, facts) carry the same
 * columns. Keys start with the id, so look-ups by id keep using the primary key; entity-scoped
 * reads of commits and links get an index of their own. Every statement is set-based (UPDATE …
 * FROM, ALTER): nothing is read into JavaScript, so it runs the same on a table of millions of
 * rows. SQLite cannot alter a primary key in place; knex rebuilds those tables with one
 * INSERT … SELECT each.
 *
 * Explicit causes now resolve within the incident's own entity, so entities whose incidents named
 * another entity's deployment (both sides) are queued for re-derivation.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(
    `INSERT INTO dora_refresh_queue (entity_ref)
     SELECT DISTINCT x.entity_ref FROM (
       SELECT i.entity_ref FROM incidents i
         JOIN deployments d ON d.id = i.caused_by_deployment_id
         WHERE d.entity_ref <> i.entity_ref
       UNION
       SELECT d.entity_ref FROM incidents i
         JOIN deployments d ON d.id = i.caused_by_deployment_id
         WHERE d.entity_ref <> i.entity_ref
     ) x
     WHERE NOT EXISTS (SELECT 1 FROM dora_refresh_queue q WHERE q.entity_ref = x.entity_ref)`,
  );

  await knex.schema.alterTable('deployment_commits', t => {
    t.string('entity_ref', 512).nullable();
    t.string('source', 256).nullable();
  });
  await knex.raw(
    `UPDATE deployment_commits SET entity_ref = d.entity_ref, source = d.source
     FROM deployments d WHERE d.id = deployment_commits.deployment_id`,
  );
  await knex.schema.alterTable('incident_links', t => {
    t.string('entity_ref', 512).nullable();
    t.string('deployment_source', 256).nullable();
  });
  await knex.raw(
    `UPDATE incident_links SET entity_ref = i.entity_ref
     FROM incidents i WHERE i.id = incident_links.incident_id`,
  );
  // A link to a deployment since deleted keeps an empty source; its entity is re-derived anyway.
  await knex.raw(
    `UPDATE incident_links SET deployment_source = COALESCE(
       (SELECT d.source FROM deployments d WHERE d.id = incident_links.deployment_id), '')`,
  );
  await knex.schema.alterTable('dora_deployment_facts', t => {
    t.string('source', 256).nullable();
  });
  await knex.raw(
    `UPDATE dora_deployment_facts SET source = d.source
     FROM deployments d WHERE d.id = dora_deployment_facts.deployment_id`,
  );

  await knex.schema.alterTable('deployment_commits', t => {
    t.dropForeign(['deployment_id']);
  });
  await knex.schema.alterTable('incident_links', t => {
    t.dropForeign(['incident_id']);
  });
  await knex.schema.alterTable('deployments', t => {
    t.dropPrimary();
    t.primary(['id', 'entity_ref', 'source']);
  });
  await knex.schema.alterTable('incidents', t => {
    t.dropPrimary();
    t.primary(['id', 'entity_ref']);
    t.index(
      ['entity_ref', 'caused_by_deployment_id'],
      'incidents_entity_caused_by_idx',
    );
    t.dropIndex([], 'incidents_caused_by_idx');
  });
  await knex.schema.alterTable('deployment_commits', t => {
    t.dropNullable('entity_ref');
    t.dropNullable('source');
    t.dropPrimary();
    t.primary(['deployment_id', 'entity_ref', 'source', 'sha']);
    t.index(['entity_ref'], 'deployment_commits_entity_idx');
    t.foreign(['deployment_id', 'entity_ref', 'source'])
      .references(['id', 'entity_ref', 'source'])
      .inTable('deployments')
      .onDelete('CASCADE');
  });
  await knex.schema.alterTable('incident_links', t => {
    t.dropNullable('entity_ref');
    t.dropNullable('deployment_source');
    t.dropPrimary();
    t.primary(['incident_id', 'entity_ref']);
    t.index(['entity_ref'], 'incident_links_entity_idx');
    t.foreign(['incident_id', 'entity_ref'])
      .references(['id', 'entity_ref'])
      .inTable('incidents')
      .onDelete('CASCADE');
  });
  await knex.schema.alterTable('dora_deployment_facts', t => {
    t.dropNullable('source');
    t.dropPrimary();
    t.primary(['deployment_id', 'entity_ref', 'source']);
  });
};

/**
 * Back to one id namespace. Refused while two entities (or sources) share an id: going down would
 * have to drop one of the events.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of ['deployments', 'incidents']) {
    const shared = await knex(table)
      .select('id')
      .groupBy('id')
      .havingRaw('count(*) > 1')
      .first();
    if (shared) {
      throw new Error(
        `${table}: id ${shared.id} is used by several entities or sources; remove one before migrating down`,
      );
    }
  }
  await knex.schema.alterTable('dora_deployment_facts', t => {
    t.dropPrimary();
    t.primary(['deployment_id']);
  });
  await knex.schema.alterTable('dora_deployment_facts', t => {
    t.dropColumn('source');
  });
  await knex.schema.alterTable('incident_links', t => {
    t.dropForeign(['incident_id', 'entity_ref']);
    t.dropIndex([], 'incident_links_entity_idx');
    t.dropPrimary();
    t.primary(['incident_id']);
  });
  await knex.schema.alterTable('deployment_commits', t => {
    t.dropForeign(['deployment_id', 'entity_ref', 'source']);
    t.dropIndex([], 'deployment_commits_entity_idx');
    t.dropPrimary();
    t.primary(['deployment_id', 'sha']);
  });
  await knex.schema.alterTable('incidents', t => {
    t.index(['caused_by_deployment_id'], 'incidents_caused_by_idx');
    t.dropIndex([], 'incidents_entity_caused_by_idx');
    t.dropPrimary();
    t.primary(['id']);
  });
  await knex.schema.alterTable('deployments', t => {
    t.dropPrimary();
    t.primary(['id']);
  });
  await knex.schema.alterTable('incident_links', t => {
    t.foreign('incident_id')
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    t.dropColumn('entity_ref');
    t.dropColumn('deployment_source');
  });
  await knex.schema.alterTable('deployment_commits', t => {
    t.foreign('deployment_id')
      .references('id')
      .inTable('deployments')
      .onDelete('CASCADE');
    t.dropColumn('entity_ref');
    t.dropColumn('source');
  });
};
