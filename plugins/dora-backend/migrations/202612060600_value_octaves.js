// @ts-check

const BINS_PER_OCTAVE = 16; // src/metrics/valueBins.ts

/** octaveOf(bin) of valueBins.ts in SQL; integer division truncates alike in PostgreSQL and SQLite. */
const OCTAVE = `CASE WHEN bin > 0 THEN (bin - 1) / ${BINS_PER_OCTAVE} + 1
  WHEN bin < 0 THEN -((-bin - 1) / ${BINS_PER_OCTAVE} + 1) ELSE 0 END`;

/**
 * The org-wide counts per octave (16 bins), daily and weekly. An org-wide median over 90 days
 * summed ~8,500 weekly bin rows (17,000 for the PR stages) to find the one bin holding its rank;
 * it now sums ~650 octave rows, then the sixteen bins of the one octave that holds the rank.
 *
 * Every table of counts gains an index that holds the count, so reads are served by the index
 * alone rather than a heap page per row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const [table, period] of [
    ['dora_value_octaves', 'day'],
    ['dora_value_octaves_weekly', 'week'],
  ]) {
    await knex.schema.createTable(table, t => {
      t.comment(
        `Org-wide count of duration samples per metric, environment, ${period} and octave of bins`,
      );
      t.string('metric', 16).notNullable();
      t.string('environment', 63).notNullable();
      t.integer(period).notNullable();
      t.integer('octave').notNullable();
      t.integer('n').notNullable();
      t.primary(['metric', 'environment', period, 'octave']);
      // With the count, a read is served by the index alone.
      t.index(
        ['metric', 'environment', period, 'octave', 'n'],
        `${table}_count_idx`,
      );
    });
  }
  await knex.raw(
    `INSERT INTO dora_value_octaves (metric, environment, day, octave, n)
     SELECT metric, environment, day, octave, sum(n) FROM
       (SELECT metric, environment, day, ${OCTAVE} AS octave, n FROM dora_value_bins) b
     GROUP BY metric, environment, day, octave
     ORDER BY metric, environment, day, octave`,
  );
  await knex.raw(
    `INSERT INTO dora_value_octaves_weekly (metric, environment, week, octave, n)
     SELECT metric, environment, week, octave, sum(n) FROM
       (SELECT metric, environment, week, ${OCTAVE} AS octave, n FROM dora_value_bins_weekly) b
     GROUP BY metric, environment, week, octave
     ORDER BY metric, environment, week, octave`,
  );
  await knex.schema.alterTable('dora_value_bins', t => {
    t.index(
      ['metric', 'environment', 'day', 'bin', 'n'],
      'dora_value_bins_count_idx',
    );
  });
  await knex.schema.alterTable('dora_value_bins_weekly', t => {
    t.index(
      ['metric', 'environment', 'week', 'bin', 'n'],
      'dora_value_bins_weekly_count_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dora_value_bins_weekly', t => {
    t.dropIndex([], 'dora_value_bins_weekly_count_idx');
  });
  await knex.schema.alterTable('dora_value_bins', t => {
    t.dropIndex([], 'dora_value_bins_count_idx');
  });
  await knex.schema.dropTable('dora_value_octaves_weekly');
  await knex.schema.dropTable('dora_value_octaves');
};
