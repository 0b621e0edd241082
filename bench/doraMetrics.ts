/**
 * P1: the org-wide five DORA keys over 90 days at 1M deployments, 3M changes, 50k incidents,
 * 2k services, 60 teams in PostgreSQL: the store's SQL-rollup path vs a straightforward query
 * over the raw tables (the way Four Keys / DevLake compute).
 *
 *   yarn bench:dora-metrics                 (full scale; BENCH_SCALE=0.1 for a quick run)
 *   BENCH_REUSE=1 yarn bench:dora-metrics   (skip loading when the database holds this scale)
 *   BENCH_RUNS (25), BENCH_WARMUPS (10: reads before the measured ones, printed apart),
 *   BENCH_RAW_RUNS (3)
 *
 * Loading bypasses HTTP but writes exactly the rows ingest writes: events via the store's row
 * mappers, incident links via dora-common's linkIncidents (as relink does), and the derived
 * facts/rollups via the same deriveFacts/dailyRowsOf/binRowsOf that DoraStore's refresh uses, per
 * service (facts of one service depend only on its own history here: causes never cross
 * services). Everything is bulk-loaded with COPY.
 */
import { DAY_MS, HOUR_MS } from '@internal/plugin-dora-common';
import { DatabaseDoraStore } from '../plugins/dora-backend/src/database/DoraStore';
import {
  DAILY_COUNTS,
  ORG_SCOPE,
  dailyRowsOf,
  deriveFacts,
} from '../plugins/dora-backend/src/database/operations/refreshFacts';
import {
  BinRow,
  binRowsOf,
  rollUpBins,
} from '../plugins/dora-backend/src/database/operations/binnedValues';
import {
  toChangeRow,
  toDeploymentRow,
  toIncidentRow,
} from '../plugins/dora-backend/src/database/rows';
import {
  CsvTables,
  RAW_COLUMNS,
  benchDatabase,
  quantile,
} from './dora/benchDatabase';
import { rawFourKeysQuery } from './dora/rawFourKeysQuery';
import {
  P1_END,
  serviceHistory,
  serviceLinks,
  serviceRef,
} from './dora/p1History';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const SERVICES = Math.round(2000 * SCALE);
const TEAMS = 60;
const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const RAW_RUNS = Number(process.env.BENCH_RAW_RUNS ?? 3);
const WARMUPS = Number(process.env.BENCH_WARMUPS ?? 10);
const END = P1_END;
const DB = 'portal_bench_dora';
// Part of the marker BENCH_REUSE=1 checks: bump it when the generated history changes.
const HISTORY = 'history 2 (commit chains)';

const COLUMNS: Record<string, string[]> = {
  ...RAW_COLUMNS,
  incident_links: [
    'entity_ref',
    'incident_id',
    'deployment_id',
    'deployment_source',
    'method',
    'inferred',
  ],
  dora_deployment_facts: [
    'deployment_id',
    'entity_ref',
    'source',
    'environment',
    'finished_ms',
    'day',
    'success',
    'failed',
    'failed_status',
    'rolled_back',
    'followed_by_rollback',
    'replaced_by_ancestor',
    'caused_incident',
    'inferred_only',
    'rework',
    'hotfix',
    'restored_incident',
    'ancestry_known',
    'recovery_ms',
    'recovery_bin',
  ],
  dora_lead_times: [
    'sha',
    'entity_ref',
    'environment',
    'deployment_id',
    'deployed_ms',
    'lead_time_ms',
    'bin',
  ],
  dora_pr_samples: [
    'pr_id',
    'entity_ref',
    'environment',
    'deployed_ms',
    'coding_ms',
    'pickup_ms',
    'review_ms',
    'deploy_ms',
    'coding_bin',
    'pickup_bin',
    'review_bin',
    'deploy_bin',
  ],
  dora_daily: ['scope_ref', 'environment', 'day', ...DAILY_COUNTS],
  dora_value_bins: ['metric', 'environment', 'day', 'bin', 'n'],
  dora_value_bins_weekly: ['metric', 'environment', 'week', 'bin', 'n'],
  dora_value_octaves: ['metric', 'environment', 'day', 'octave', 'n'],
  dora_value_octaves_weekly: ['metric', 'environment', 'week', 'octave', 'n'],
};

async function load(url: string) {
  const csv = new CsvTables('/tmp/portal-bench-dora', COLUMNS);
  const org = new Map<string, Record<string, number>>();
  const orgBins = new Map<string, BinRow>();
  const t0 = performance.now();
  for (let i = 0; i < SERVICES; i++) {
    const entityRef = serviceRef(i);
    const history = serviceHistory(i);
    for (const d of history.deployments) {
      csv.write('deployments', toDeploymentRow(d));
      d.commitShas.forEach((sha, position) =>
        csv.write('deployment_commits', {
          entity_ref: d.entityRef,
          source: d.source,
          deployment_id: d.id,
          sha,
          position,
        }),
      );
    }
    for (const c of history.changes) {
      csv.write('changes', toChangeRow(c));
      for (const parent of c.parents ?? [])
        csv.write('change_parents', { sha: c.sha, parent_sha: parent });
    }
    history.incidents.forEach(x => csv.write('incidents', toIncidentRow(x)));
    serviceLinks(history).forEach(l => csv.write('incident_links', l));
    const derived = deriveFacts(history, new Set([entityRef]));
    derived.facts.forEach(f => csv.write('dora_deployment_facts', f));
    derived.leadTimes.forEach(r => csv.write('dora_lead_times', r));
    derived.prs.forEach(r => csv.write('dora_pr_samples', r));
    for (const [table, rows] of [
      ['dora_deployment_facts', derived.facts],
      ['dora_lead_times', derived.leadTimes],
      ['dora_pr_samples', derived.prs],
    ] as const) {
      for (const row of binRowsOf(table, [], rows)) {
        const key = `${row.metric}\u0000${row.environment}\u0000${row.day}\u0000${row.bin}`;
        const sum = orgBins.get(key);
        if (sum) sum.n += row.n;
        else orgBins.set(key, { ...row });
      }
    }
    for (const row of dailyRowsOf(derived.facts, f => f.entity_ref)) {
      csv.write('dora_daily', row);
      const key = `${row.environment}\u0000${row.day}`;
      const sum = org.get(key) ?? {};
      for (const c of DAILY_COUNTS) sum[c] = (sum[c] ?? 0) + row[c];
      org.set(key, sum);
    }
    if (i % 200 === 199) {
      process.stdout.write(`  generated ${i + 1}/${SERVICES} services\r`);
    }
  }
  for (const [key, sums] of org) {
    const [environment, day] = key.split('\u0000');
    csv.write('dora_daily', {
      scope_ref: ORG_SCOPE,
      environment,
      day,
      ...sums,
    });
  }
  // The weekly and octave rollups exactly as the store's refresh sums them.
  const bins = [...orgBins.values()];
  bins.forEach(row => csv.write('dora_value_bins', row));
  rollUpBins(bins, { weekly: true, octaves: false }).forEach(
    ({ day, ...row }) =>
      csv.write('dora_value_bins_weekly', { ...row, week: day }),
  );
  rollUpBins(bins, { weekly: false, octaves: true }).forEach(
    ({ bin, ...row }) =>
      csv.write('dora_value_octaves', { ...row, octave: bin }),
  );
  rollUpBins(bins, { weekly: true, octaves: true }).forEach(
    ({ day, bin, ...row }) =>
      csv.write('dora_value_octaves_weekly', {
        ...row,
        week: day,
        octave: bin,
      }),
  );
  await csv.close();
  const generated = (performance.now() - t0) / 1000;
  const copied = csv.copyAll(url);
  return { rows: Object.fromEntries(csv.rows), generated, copied };
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const result = await fn();
  return [performance.now() - t0, result];
}

async function main() {
  const reuse = process.env.BENCH_REUSE === '1';
  const { knex, url } = await benchDatabase(DB, !reuse);
  const store = await DatabaseDoraStore.create({
    database: { getClient: async () => knex } as any,
  });
  const marker = await knex.raw(
    "SELECT obj_description('deployments'::regclass) AS scale",
  );
  if (!reuse || marker.rows[0].scale !== `bench scale ${SCALE}, ${HISTORY}`) {
    if (reuse)
      throw new Error(
        'BENCH_REUSE=1 but the database holds another scale or history',
      );
    console.log(`Loading ${SERVICES} services …`);
    const loaded = await load(url);
    // A loaded database in steady state: visibility maps set, so index-only scans stay so.
    await knex.raw('VACUUM ANALYZE');
    await knex.raw(
      `COMMENT ON TABLE deployments IS 'bench scale ${SCALE}, ${HISTORY}'`,
    );
    console.log(`\nrows: ${JSON.stringify(loaded.rows)}`);
    console.log(
      `generated in ${loaded.generated.toFixed(0)} s, COPY in ${Object.values(
        loaded.copied,
      )
        .reduce((a, b) => a + b, 0)
        .toFixed(0)} s`,
    );
  }
  const counts = await knex.raw(
    `SELECT (SELECT count(*) FROM deployments) d, (SELECT count(*) FROM changes) c,
            (SELECT count(*) FROM incidents) i, (SELECT count(DISTINCT entity_ref) FROM deployments) s`,
  );
  const c = counts.rows[0];
  console.log(
    `database: ${c.d} deployments, ${c.c} changes, ${c.i} incidents, ${c.s} services, ${TEAMS} teams`,
  );

  const window = { from: END - 90 * DAY_MS, to: END };
  const team = Array.from({ length: SERVICES }, (_, i) => i)
    .filter(i => i % TEAMS === 7)
    .map(serviceRef);
  const measure = async (
    label: string,
    run: () => Promise<unknown>,
    runs: number,
    warmups: number,
  ) => {
    // The first reads of a process open the pool's connections (each a new PostgreSQL backend
    // with empty caches) and compile the code: ~170, 75, 45-60 ms, settling after ~8 reads.
    // They are printed apart; the figures are of the reads after them.
    const cold: number[] = [];
    for (let i = 0; i < warmups; i++) cold.push((await time(run))[0]);
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) ms.push((await time(run))[0]);
    const p50 = quantile(ms, 0.5);
    const p95 = quantile(ms, 0.95);
    console.log(
      `${label}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(
        1,
      )} ms (${runs} warm runs; the ${warmups} warm-up reads before them: ${cold
        .map(c => c.toFixed(0))
        .join(', ')} ms)`,
    );
    return { p50, p95 };
  };
  const rollup = await measure(
    'store (SQL rollups), org, 90 d, weekly buckets',
    () => store.metrics({ ...window, bucket: 'week' }),
    RUNS,
    WARMUPS,
  );
  await measure(
    `store (SQL rollups), team of ${team.length} services, 90 d`,
    () => store.metrics({ ...window, bucket: 'week', entityRefs: team }),
    RUNS,
    WARMUPS,
  );
  const m = await store.metrics({ ...window, bucket: 'week' });
  const raw = await measure(
    'raw tables (Four Keys / DevLake style), org, 90 d',
    () =>
      knex.raw(rawFourKeysQuery, {
        from: new Date(window.from),
        to: new Date(window.to),
      }),
    RAW_RUNS,
    1,
  );
  const rawResult = (
    await knex.raw(rawFourKeysQuery, {
      from: new Date(window.from),
      to: new Date(window.to),
    })
  ).rows[0];
  console.log(
    `org figures (rollups): DF ${m.deploymentFrequency.value?.toFixed(
      2,
    )}/day, lead median ${((m.changeLeadTime.median ?? 0) / HOUR_MS).toFixed(
      2,
    )} h, CFR ${m.changeFailureRate.value?.toFixed(4)}, recovery median ${(
      (m.failedDeploymentRecoveryTime.median ?? 0) / HOUR_MS
    ).toFixed(2)} h, rework ${m.deploymentReworkRate.value?.toFixed(4)}`,
  );
  console.log(`org figures (raw query): ${JSON.stringify(rawResult)}`);
  console.log(
    `ratio raw/rollups: p50 ${(raw.p50 / rollup.p50).toFixed(1)}x, p95 ${(
      raw.p95 / rollup.p95
    ).toFixed(1)}x`,
  );
  await knex.destroy();
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
