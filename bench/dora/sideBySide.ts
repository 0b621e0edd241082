/**
 * P1's org read of two versions of the store side by side: the read path of an earlier commit
 * (extracted with `git archive` into bench/.old-dora, not committed) and the current one, both
 * reading the database `yarn bench:dora-metrics` loaded, in one process, runs interleaved, so
 * machine load hits both alike. Also checks that both give the same figures.
 *
 *   BENCH_OLD_REF=<commit> node --require @backstage/cli-node/config/nodeTransform.cjs bench/dora/sideBySide.ts
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DAY_MS } from '@internal/plugin-dora-common';
import { readMetrics } from '../../plugins/dora-backend/src/database/operations/readMetrics';
import { benchDatabase, quantile } from './benchDatabase';

const OLD_REF = process.env.BENCH_OLD_REF ?? 'HEAD';
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUPS = Number(process.env.BENCH_WARMUPS ?? 10);
const END = Date.UTC(2025, 0, 1);

async function main() {
  const root = path.resolve(__dirname, '../..');
  const dir = path.join(root, 'bench/.old-dora');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  execSync(
    `git archive ${OLD_REF} plugins/dora-backend/src/database plugins/dora-backend/src/metrics | tar -x -C ${dir}`,
    { cwd: root },
  );
  const old: { readMetrics: typeof readMetrics } = require(path.join(
    dir,
    'plugins/dora-backend/src/database/operations/readMetrics',
  ));
  const { knex } = await benchDatabase('portal_bench_dora', false);
  const query = { from: END - 90 * DAY_MS, to: END, bucket: 'week' as const };
  const versions = [
    { label: `before (${OLD_REF})`, read: old.readMetrics, ms: [] as number[] },
    { label: 'after (working tree)', read: readMetrics, ms: [] as number[] },
  ];
  const figures = await Promise.all(versions.map(v => v.read(knex, query)));
  if (JSON.stringify(figures[0]) !== JSON.stringify(figures[1]))
    throw new Error('the two versions give different figures');
  // Warm-up reads (pool connections opened, code compiled) as in bench/doraMetrics.ts.
  for (let i = 0; i < WARMUPS + RUNS; i++) {
    for (const v of i % 2 ? versions : [...versions].reverse()) {
      const t0 = performance.now();
      await v.read(knex, query);
      if (i >= WARMUPS) v.ms.push(performance.now() - t0);
    }
  }
  for (const v of versions) {
    console.log(
      `${v.label}: p50 ${quantile(v.ms, 0.5).toFixed(1)} ms, p95 ${quantile(
        v.ms,
        0.95,
      ).toFixed(
        1,
      )} ms (${RUNS} interleaved runs after ${WARMUPS} warm-up reads each)`,
    );
  }
  console.log(
    `same figures; lead time median ${figures[1].changeLeadTime.median} ms, recovery median ${figures[1].failedDeploymentRecoveryTime.median} ms`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
  await knex.destroy();
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
