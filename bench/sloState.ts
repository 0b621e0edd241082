/**
 * P3, SLO scale: 1,000 SLOs with a 30-day window and the four burn-rate window pairs.
 *
 *  1. Time to compute every SLO's state from the rollups in the store (SQLite file; goal ≤ 1 s):
 *     the service's path (range sums from hourly/daily rollups, all SLOs at once), median and
 *     p95 of BENCH_RUNS runs, next to the straightforward path it replaced (every raw bucket of
 *     each SLO's window, summed in JS) over BENCH_REFERENCE_RUNS runs; both must agree.
 *  2. Prometheus requests per collection cycle with the collector's batching, counted against a
 *     real Prometheus (`prometheus`/`promtool`, scripts/system-deps.sh), versus one range query
 *     per SLO per window (goal ≥ 10× fewer), and the SQL statements the cycle's writes take.
 *
 *   yarn bench:slo          (BENCH_SLOS=1000 BENCH_DAYS=30 BENCH_RUNS=9 BENCH_REFERENCE_RUNS=3;
 *                            BENCH_POSTGRES=postgresql://postgres@127.0.0.1:5432 to time the
 *                            state on Postgres too, in a throwaway database; BENCH_SQLITE=0
 *                            to skip the SQLite one)
 */
import { mockServices } from '@backstage/backend-test-utils';
import {
  Slo,
  alertWindowSeconds,
  counterSelectors,
} from '@internal/plugin-slo-common';
import fs from 'node:fs';
import knexFactory, { Knex } from 'knex';
import os from 'node:os';
import path from 'node:path';
import { PrometheusClient } from '../plugins/slo-backend/src/collector/PrometheusClient';
import { SloCollector } from '../plugins/slo-backend/src/collector/SloCollector';
import { planCollection } from '../plugins/slo-backend/src/collector/planCollection';
import {
  startTestPrometheus,
  removeTestPrometheus,
} from '../plugins/slo-backend/src/collector/testing/startTestPrometheus';
import { syntheticHistory } from '../plugins/slo-backend/src/collector/testing/syntheticHistory';
import {
  DatabaseSloRollupStore,
  SloRollupStore,
} from '../plugins/slo-backend/src/database/SloRollupStore';
import { SloService } from '../plugins/slo-backend/src/service/SloService';
import { SloRegistry } from '../plugins/slo-backend/src/specs/SloRegistry';
import {
  SloState,
  computeSloState,
  stateRange,
} from '../plugins/slo-backend/src/state/computeSloState';

const SLOS = Number(process.env.BENCH_SLOS ?? 1000);
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const REFERENCE_RUNS = Number(process.env.BENCH_REFERENCE_RUNS ?? 3);
const DAY = 86400;
const END = 1_790_000_100;

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};

/** The straightforward path the service used before: every raw bucket of each SLO's range. */
async function referenceStates(
  store: SloRollupStore,
  slos: Slo[],
  now: number,
): Promise<SloState[]> {
  const collection = await store.getCollectionStates(slos.map(s => s.id));
  return Promise.all(
    slos.map(async slo => {
      const range = stateRange(slo, now);
      const buckets = await store.readBuckets(slo.id, range.from, range.to);
      return computeSloState(slo, buckets, now, {
        collection: collection.get(slo.id),
      });
    }),
  );
}

const silent = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return silent;
  },
};

/**
 * 1,000 SLOs over the generated scenarios, each with its own selectors (an extra matcher no
 * series carries), so no two SLOs share an expression: the worst case for batching.
 */
function manySlos(base: Slo[]): Slo[] {
  return Array.from({ length: SLOS }, (_, i) => {
    const slo = base[i % base.length];
    const tag = (q?: string) =>
      q
        ?.replace(/([a-zA-Z0-9_:])\{/g, `$1{bench_slo!="${i}",`)
        .replace(/,\}/g, '}');
    const indicator =
      'histogramMetric' in slo.indicator
        ? {
            ...slo.indicator,
            selector: `${slo.indicator.selector},bench_slo!="${i}"`,
          }
        : 'totalQuery' in slo.indicator
        ? {
            ...slo.indicator,
            ...(slo.indicator.goodQuery
              ? { goodQuery: tag(slo.indicator.goodQuery) }
              : {}),
            ...(slo.indicator.badQuery
              ? { badQuery: tag(slo.indicator.badQuery) }
              : {}),
            totalQuery: tag(slo.indicator.totalQuery)!,
          }
        : slo.indicator;
    return {
      ...slo,
      id: `bench-${i}/${slo.name}`,
      service: `bench-${i}`,
      indicator,
    };
  });
}

async function stateTiming(slos: Slo[], connect: () => Promise<StateDb>) {
  const db = await connect();
  const { knex } = db;
  try {
    const store = await DatabaseSloRollupStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const t0 = performance.now();
    const from = END - DAYS * DAY;
    // 20 SLOs (172,800 buckets) per transaction, as a collector backfill would write them.
    for (let i0 = 0; i0 < slos.length; i0 += 20) {
      const writes = slos.slice(i0, i0 + 20).map((slo, k) => {
        const i = i0 + k;
        const buckets = [];
        for (let t = from; t < END; t += 300) {
          const total = 1000 + ((t / 300 + i) % 97);
          buckets.push({
            start: t,
            good: total - ((t / 300) % 13 === 0 ? 3 : 0),
            total,
          });
        }
        return { sloId: slo.id, buckets };
      });
      await store.saveCollection({ buckets: writes, states: [] });
    }
    const seeded = (performance.now() - t0) / 1000;
    const registry = new SloRegistry();
    registry.replace([
      { entityRef: 'component:default/bench', slos, errors: [] } as any,
    ]);
    const service = new SloService({ registry, store, now: () => END });
    await service.list(); // warm-up: statement caches, JIT
    const runs: number[] = [];
    let items: Awaited<ReturnType<SloService['list']>> = [];
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      items = await service.list();
      runs.push((performance.now() - t) / 1000);
      if (items.length !== slos.length) throw new Error('missing SLOs');
    }
    const referenceRuns: number[] = [];
    for (let r = 0; r < REFERENCE_RUNS; r++) {
      const t = performance.now();
      const reference = await referenceStates(store, slos, END);
      referenceRuns.push((performance.now() - t) / 1000);
      const byId = new Map(items.map(item => [item.slo.id, item.state]));
      for (const state of reference) {
        // JSON: Infinity and undefined compare as the API would serialise them.
        if (JSON.stringify(state) !== JSON.stringify(byId.get(state.sloId))) {
          throw new Error(`states differ for ${state.sloId}`);
        }
      }
    }
    return {
      seeded,
      runs,
      referenceRuns,
      rows: (slos.length * DAYS * DAY) / 300,
    };
  } finally {
    await db.close();
  }
}

type StateDb = { knex: Knex; close: () => Promise<void> };

async function sqliteDb(): Promise<StateDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-bench-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'slo.sqlite') },
    useNullAsDefault: true,
  });
  return {
    knex,
    close: async () => {
      await knex.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresDb(connection: string): Promise<StateDb> {
  const name = `slo_bench_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection });
  await admin.raw(`CREATE DATABASE ${name}`);
  const url = new URL(connection);
  url.pathname = `/${name}`;
  const knex = knexFactory({ client: 'pg', connection: url.toString() });
  return {
    knex,
    close: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
      await admin.destroy();
    },
  };
}

async function requestCounts(slos: Slo[]) {
  const history = syntheticHistory(END);
  const prometheus = await startTestPrometheus(history.series);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-bench-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'collect.sqlite') },
    useNullAsDefault: true,
  });
  try {
    const store = await DatabaseSloRollupStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const client = new PrometheusClient({ baseUrl: prometheus.baseUrl });
    const collector = new SloCollector({
      client,
      store,
      logger: silent,
      maxBackfillSeconds: DAY,
      lagSeconds: 0,
    });
    // Every SQL statement knex sends, transaction BEGIN/COMMIT included.
    let statements = 0;
    knex.on('query', () => {
      statements += 1;
    });
    // First sight (1 day backfill), then a steady-state cycle 5 minutes later.
    const t0 = performance.now();
    const first = await collector.collect(slos, END - 300);
    const firstSeconds = (performance.now() - t0) / 1000;
    const firstStatements = statements;
    const t1 = performance.now();
    const cycle = await collector.collect(slos, END);
    const cycleSeconds = (performance.now() - t1) / 1000;
    const cycleStatements = statements - firstStatements;
    if (first.failed.length || cycle.failed.length) {
      throw new Error(
        `collection failed: ${JSON.stringify(
          first.failed[0] ?? cycle.failed[0],
        )}`,
      );
    }
    const windows = alertWindowSeconds(30 * DAY).length + 1;
    const naive = slos.length * windows;
    return {
      first,
      firstSeconds,
      firstStatements,
      cycle,
      cycleSeconds,
      cycleStatements,
      naive,
      windows,
    };
  } finally {
    await prometheus.stop();
    removeTestPrometheus(prometheus);
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const slos = manySlos(syntheticHistory(END).slos);
  const fmt = (n: number, d = 2) => n.toFixed(d);

  const counts = await requestCounts(slos);
  // Counter SLOs are read as three expressions (newest, largest, smallest value) per selector.
  const planned = planCollection(
    slos.map(s => ({
      sloId: s.id,
      exprs: ['good', 'total'].flatMap(e =>
        counterSelectors(s.indicator)
          ? [`${s.id}:${e}:last`, `${s.id}:${e}:max`, `${s.id}:${e}:min`]
          : [`${s.id}:${e}`],
      ),
      from: END - 300,
    })),
    { to: END, exprsPerRequest: 50 },
  ).length;
  console.log(
    `collection cycle, ${slos.length} SLOs × ${counts.windows} windows: ${
      counts.cycle.requests
    } Prometheus requests (counted at a real Prometheus; planned ${planned}) vs ${
      counts.naive
    } one query per SLO per window: ${fmt(
      counts.naive / counts.cycle.requests,
      0,
    )}× fewer; cycle took ${fmt(counts.cycleSeconds)} s, ${
      counts.cycle.bucketsWritten
    } buckets written in ${counts.cycleStatements} SQL statements (${fmt(
      (2 * slos.length) / counts.cycleStatements,
      0,
    )}× fewer than one upsert and one state write per SLO)`,
  );
  console.log(
    `first collection (1 day backfill): ${
      counts.first.requests
    } requests, ${fmt(counts.firstSeconds)} s, ${
      counts.first.bucketsWritten
    } buckets written in ${counts.firstStatements} SQL statements`,
  );

  const report = (
    label: string,
    state: Awaited<ReturnType<typeof stateTiming>>,
  ) => {
    const median = quantile(state.runs, 0.5);
    const referenceMedian = state.referenceRuns.length
      ? quantile(state.referenceRuns, 0.5)
      : undefined;
    console.log(
      `state of ${slos.length} SLOs from ${state.rows.toLocaleString(
        'en',
      )} rollups (${label}): median ${fmt(median, 3)} s, p95 ${fmt(
        quantile(state.runs, 0.95),
        3,
      )} s over ${state.runs.length} runs (${state.runs
        .map(r => fmt(r, 3))
        .join(', ')}); seeding took ${fmt(state.seeded, 1)} s`,
    );
    if (referenceMedian !== undefined) {
      console.log(
        `  straightforward path (raw buckets per SLO), same store: median ${fmt(
          referenceMedian,
          3,
        )} s over ${state.referenceRuns.length} runs (${state.referenceRuns
          .map(r => fmt(r, 3))
          .join(', ')}): ${fmt(
          referenceMedian / median,
          0,
        )}× slower; states identical`,
      );
    }
  };
  if (process.env.BENCH_SQLITE !== '0') {
    report('SQLite', await stateTiming(slos, sqliteDb));
  }
  if (process.env.BENCH_POSTGRES) {
    const connection = process.env.BENCH_POSTGRES;
    report('Postgres', await stateTiming(slos, () => postgresDb(connection)));
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
