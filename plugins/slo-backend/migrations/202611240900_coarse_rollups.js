// @ts-check

/**
 * Hourly and daily sums of the 5-minute rollups, so a 30-day budget reads ~100 rows per SLO
 * instead of 8,640. Both are derived data: the store re-derives the hours and days a write
 * touches in the same transaction. An hour or day row exists only when at least one bucket in
 * it does, so "no rows" still means no data. `last_bucket` is the newest bucket start inside
 * the row, for the state's "newest bucket seen" without reading raw buckets.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const [table, column, seconds] of /** @type {const} */ ([
    ['slo_rollups_hourly', 'hour_start', 3600],
    ['slo_rollups_daily', 'day_start', 86400],
  ])) {
    await knex.schema.createTable(table, t => {
      t.comment(`Sums of slo_rollups per SLO and ${seconds}-second UTC period`);
      t.string('slo_id', 255).notNullable();
      t.bigInteger(column)
        .notNullable()
        .comment(`Epoch seconds, a multiple of ${seconds}`);
      t.double('good').notNullable();
      t.double('total').notNullable();
      t.bigInteger('last_bucket')
        .notNullable()
        .comment('Start of the newest 5-minute bucket in the period');
      t.primary(['slo_id', column]);
    });
  }
  // Backfill from the buckets already stored. The modulo form floors negative epochs too.
  await knex.raw(
    `INSERT INTO slo_rollups_hourly (slo_id, hour_start, good, total, last_bucket)
     SELECT slo_id, bucket_start - (((bucket_start % 3600) + 3600) % 3600),
            SUM(good), SUM(total), MAX(bucket_start)
     FROM slo_rollups
     GROUP BY slo_id, bucket_start - (((bucket_start % 3600) + 3600) % 3600)`,
  );
  await knex.raw(
    `INSERT INTO slo_rollups_daily (slo_id, day_start, good, total, last_bucket)
     SELECT slo_id, hour_start - (((hour_start % 86400) + 86400) % 86400),
            SUM(good), SUM(total), MAX(last_bucket)
     FROM slo_rollups_hourly
     GROUP BY slo_id, hour_start - (((hour_start % 86400) + 86400) % 86400)`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_rollups_daily');
  await knex.schema.dropTable('slo_rollups_hourly');
};
