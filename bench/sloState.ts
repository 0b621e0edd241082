/**
 * P3, SLO scale: 1,000 SLOs with a 30-day window and the four burn-rate window pairs.
 *
 *  1. Time to compute every SLO's state from the rollups in the store (SQLite file; goal ≤ 1 s).
 *  2. Prometheus requests per collection cycle with the collector's batching, counted against a
 *     real Prometheus (`prometheus`/`promtool`, scripts/system-deps.sh), versus one range query
 *     per SLO per window (goal ≥ 10× fewer).
 *
 *   yarn bench:slo          (BENCH_SLOS=1000 BENCH_DAYS=30 to change the scale)
 */
import { mockServices } from '@backstage/backend-test-utils';
import { Slo, alertWindowSeconds } from '@internal/plugin-slo-common';
import fs from 'node:fs';
import knexFactory from 'knex';
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
import { DatabaseSloRollupStore } from '../plugins/slo-backend/src/database/SloRollupStore';
import { SloService } from '../plugins/slo-backend/src/service/SloService';
import { SloRegistry } from '../plugins/slo-backend/src/specs/SloRegistry';

const SLOS = Number(process.env.BENCH_SLOS ?? 1000);
const DAYS = Number(process.env.BENCH_DAYS ?? 30);
const DAY = 86400;
const END = 1_790_000_100;

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

async function stateTiming(slos: Slo[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-bench-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'slo.sqlite') },
    useNullAsDefault: true,
  });
  try {
    const store = await DatabaseSloRollupStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const t0 = performance.now();
    const from = END - DAYS * DAY;
    for (const [i, slo] of slos.entries()) {
      const buckets = [];
      for (let t = from; t < END; t += 300) {
        const total = 1000 + ((t / 300 + i) % 97);
        buckets.push({
          start: t,
          good: total - ((t / 300) % 13 === 0 ? 3 : 0),
          total,
        });
      }
      await store.upsertBuckets(slo.id, buckets);
    }
    const seeded = (performance.now() - t0) / 1000;
    const registry = new SloRegistry();
    registry.replace([
      { entityRef: 'component:default/bench', slos, errors: [] } as any,
    ]);
    const service = new SloService({ registry, store, now: () => END });
    await service.list(); // warm-up: statement caches, JIT
    const runs: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t = performance.now();
      const items = await service.list();
      runs.push((performance.now() - t) / 1000);
      if (items.length !== slos.length) throw new Error('missing SLOs');
    }
    return { seeded, runs, rows: (slos.length * DAYS * DAY) / 300 };
  } finally {
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
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
    // First sight (1 day backfill), then a steady-state cycle 5 minutes later.
    const t0 = performance.now();
    const first = await collector.collect(slos, END - 300);
    const firstSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const cycle = await collector.collect(slos, END);
    const cycleSeconds = (performance.now() - t1) / 1000;
    if (first.failed.length || cycle.failed.length) {
      throw new Error(
        `collection failed: ${JSON.stringify(
          first.failed[0] ?? cycle.failed[0],
        )}`,
      );
    }
    const windows = alertWindowSeconds(30 * DAY).length + 1;
    const naive = slos.length * windows;
    return { first, firstSeconds, cycle, cycleSeconds, naive, windows };
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
  const planned = planCollection(
    slos.map(s => ({
      sloId: s.id,
      exprs: [`${s.id}:good`, `${s.id}:total`],
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
    } buckets written`,
  );
  console.log(
    `first collection (1 day backfill): ${
      counts.first.requests
    } requests, ${fmt(counts.firstSeconds)} s, ${
      counts.first.bucketsWritten
    } buckets written`,
  );

  const state = await stateTiming(slos);
  const median = [...state.runs].sort((a, b) => a - b)[1];
  console.log(
    `state of ${slos.length} SLOs from ${state.rows.toLocaleString(
      'en',
    )} rollups (SQLite): median ${fmt(median, 3)} s over 3 runs (${state.runs
      .map(r => fmt(r, 3))
      .join(', ')}); seeding took ${fmt(state.seeded, 1)} s`,
  );
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
