/**
 * The portal against a stock Backstage app at 10,000 components (issue 20): both on the same
 * PostgreSQL, the same generated catalog, the same local cluster with 5,000 matching workloads,
 * each started with its dev entry, one after the other. Prints one table with both columns, the
 * ratio portal/stock and whether it meets the goal.
 *
 *   yarn bench:scale                 full run (~30 min on 2 cores)
 *   yarn bench:scale --quick         smoke run: shorter windows, fewer requests (~15 min)
 *   options: --components N (10000) --idle-seconds S (300) --requests N (200) --scale-runs N (1)
 *
 * The first run creates and installs the stock app (see bench/scale/stockApp.ts, ~10 min).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, repoRoot } from '../packages/e2e-tests/src';
import {
  AppName,
  AppUnderTest,
  describeTransactions,
  dropDatabases,
  startBackend,
  started,
  transactionsByDatabase,
  waitReady,
  writeBenchConfig,
} from './scale/apps';
import { writeCatalog } from './scale/catalog';
import { CatalogFileReads } from './scale/catalogFileReads';
import { cpuCount, loadAverage } from './scale/procfs';
import {
  FACET_PATH,
  LIST_PATH,
  Window,
  latency,
  quietWindow,
  rssPeak,
  waitForComponents,
} from './scale/measure';
import { ensureStockApp } from './scale/stockApp';
import {
  AppFigures,
  ReadyRun,
  ScaleRun,
  medianRun,
  renderRuns,
  renderTable,
} from './scale/table';
import {
  ClusterProcess,
  startClusterProcess,
  waitForRunningPods,
  waitForSettledCluster,
  writeWorkloadManifests,
} from './scale/workloads';
import { HeapProfileMode, parseScaleArgs } from './scale/args';
import {
  startHeapProfile,
  startProfile,
  summarizeHeapProfile,
  summarizeProfile,
} from './scale/profile';

const opts = parseScaleArgs(process.argv.slice(2));
const ORDER: AppName[] = (['stock', 'portal'] as AppName[]).filter(a =>
  opts.apps.includes(a),
);
const token = crypto.randomBytes(24).toString('hex');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-bench-scale-'));
const loads: string[] = [];
const notes: string[] = [];

function log(message: string) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

const nodeTransformOf = (root: string) =>
  require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
    paths: [root],
  });

function appsUnderTest(): Record<AppName, AppUnderTest> {
  // A run of the portal alone neither needs nor builds the stock app.
  const stock = ORDER.includes('stock')
    ? ensureStockApp(repoRoot, log)
    : { dir: repoRoot, backendDir: repoRoot };
  return {
    stock: {
      name: 'stock',
      root: stock.dir,
      backendDir: stock.backendDir,
      nodeTransform: nodeTransformOf(stock.dir),
    },
    portal: {
      name: 'portal',
      root: repoRoot,
      backendDir: path.join(repoRoot, 'packages/backend'),
      nodeTransform: nodeTransformOf(repoRoot),
    },
  };
}

async function cluster(manifestsDir: string, name: string) {
  const c = await startClusterProcess({
    repoRoot,
    manifestsDir,
    port: await freePort(),
    logFile: path.join(work, `cluster-${name}.log`),
  });
  return c;
}

/**
 * Runs one measurement again from the start when it fails, e.g. when something outside the bench
 * stops the backend on this shared machine; the table notes every retry.
 */
async function withRetries<T>(what: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= 3) throw error;
      const reason = String((error as Error).message).split('\n')[0];
      log(`${what}: attempt ${attempt} failed (${reason}); starting over`);
      notes.push(`${what}: attempt ${attempt} failed (${reason}), run again`);
    }
  }
}

/** The heap profile from as soon as the spawned backend's inspector answers. */
async function startHeapProfileSoon(
  inspectPort: number,
  file: string,
  mode: HeapProfileMode,
) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await startHeapProfile(inspectPort, file, mode);
    } catch (error) {
      if (attempt > 100) throw error;
      await new Promise(r => setTimeout(r, 50));
    }
  }
}

async function readyRun(
  app: AppUnderTest,
  c: ClusterProcess,
  round: number,
): Promise<ReadyRun> {
  const prefix = `bench_scale_ready_${app.name}_`;
  await dropDatabases(prefix);
  const port = await freePort();
  const config = writeBenchConfig(work, app.name, {
    port,
    dbPrefix: prefix,
    cluster: c,
    token,
  });
  const logFile = path.join(work, `ready-${app.name}-${round}.log`);
  const inspectPort = opts.heapProfile ? await freePort() : undefined;
  const backend = startBackend(
    app,
    [path.join(app.root, 'app-config.yaml'), config],
    port,
    logFile,
    inspectPort,
  );
  try {
    const early = rssPeak(backend, 0, opts.earlyS);
    const heapFile = path.join(work, `heap-ready-${app.name}-${round}`);
    const stopHeapProfile =
      inspectPort && opts.heapProfile
        ? await startHeapProfileSoon(
            inspectPort,
            `${heapFile}.heapprofile`,
            opts.heapProfile,
          )
        : undefined;
    const readyMs = await waitReady(backend, logFile);
    const peakEarlyMb = await early;
    if (stopHeapProfile) {
      const summary = summarizeHeapProfile(await stopHeapProfile());
      fs.writeFileSync(`${heapFile}.txt`, summary);
      log(
        `${app.name}: heap profile of the first ${opts.earlyS} s (${heapFile}.heapprofile)\n${summary}`,
      );
    }
    const peakLateMb = await rssPeak(
      backend,
      opts.earlyS,
      opts.earlyS + opts.lateS,
    );
    log(
      `${app.name} ready run ${round + 1}: ready ${(readyMs / 1000).toFixed(
        1,
      )} s, RSS peak ${peakEarlyMb.toFixed(0)} / ${peakLateMb.toFixed(
        0,
      )} MB (load ${loadAverage()})`,
    );
    return { readyMs, peakEarlyMb, peakLateMb };
  } finally {
    await backend.stop();
  }
}

/** A window, with the times the catalog read the bench's catalog file meanwhile. */
async function countingFileReads(
  prefix: string,
  catalogFile: string,
  measure: () => Promise<Window>,
): Promise<Window> {
  const reads = await CatalogFileReads.start(`${prefix}catalog`, catalogFile);
  const window = await measure().catch(async e => {
    await reads.stop();
    throw e;
  });
  return { ...window, catalogFileReads: await reads.stop() };
}

function describeMinutes(w: Window): string {
  return `by minute ${w.perMinuteCpuSeconds
    .map(s => s.toFixed(1))
    .join(', ')} CPU-s; catalog file read ${w.catalogFileReads ?? '?'} times`;
}

async function scaleRun(
  app: AppUnderTest,
  c: ClusterProcess,
  catalogFile: string,
): Promise<ScaleRun> {
  const prefix = `bench_scale_${app.name}_`;
  await dropDatabases(prefix);
  const port = await freePort();
  const config = writeBenchConfig(work, app.name, {
    port,
    dbPrefix: prefix,
    cluster: c,
    token,
    catalogFile,
  });
  const logFile = path.join(work, `scale-${app.name}.log`);
  log(`${app.name}: starting (log ${logFile})`);
  const inspectPort =
    opts.profileIdle ||
    opts.profileIngest ||
    opts.profileAfter ||
    opts.heapProfile
      ? await freePort()
      : undefined;
  const backend = startBackend(
    app,
    [path.join(app.root, 'app-config.yaml'), config],
    port,
    logFile,
    inspectPort,
  );
  try {
    const readyMs = await waitReady(backend, logFile);
    log(`${app.name}: ready after ${(readyMs / 1000).toFixed(1)} s`);
    const heapFile = path.join(work, `heap-${app.name}.heapprofile`);
    const stopHeapProfile =
      inspectPort && opts.heapProfile
        ? await startHeapProfile(inspectPort, heapFile, opts.heapProfile)
        : undefined;
    const ingestProfileFile = path.join(work, `ingest-${app.name}.cpuprofile`);
    const stopIngestProfile =
      inspectPort && opts.profileIngest
        ? await startProfile(inspectPort, ingestProfileFile)
        : undefined;
    const servedMs = await waitForComponents(
      backend,
      opts.components,
      token,
      opts.ingestTimeoutS * 1000,
      (n, s) =>
        log(`${app.name}: ${n} components served after ${s.toFixed(0)} s`),
    );
    log(
      `${app.name}: all ${opts.components} served after ${(
        servedMs / 1000
      ).toFixed(0)} s (load ${loadAverage()})`,
    );
    loads.push(`${app.name} after ingestion: ${loadAverage()}`);
    if (stopIngestProfile) {
      const summary = summarizeProfile(await stopIngestProfile());
      fs.writeFileSync(`${ingestProfileFile}.txt`, summary);
      log(`${app.name}: ingestion profile (${ingestProfileFile})\n${summary}`);
    }
    const txServed = await transactionsByDatabase(prefix);
    const afterProfileFile = path.join(work, `after-${app.name}.cpuprofile`);
    const stopAfterProfile =
      inspectPort && opts.profileAfter
        ? await startProfile(inspectPort, afterProfileFile)
        : undefined;
    const list = await latency(
      backend.baseUrl,
      LIST_PATH,
      token,
      opts.requests,
    );
    const facet = await latency(
      backend.baseUrl,
      FACET_PATH,
      token,
      opts.requests,
    );
    log(
      `${app.name}: list p50 ${list.p50.toFixed(
        1,
      )} ms, facet p50 ${facet.p50.toFixed(1)} ms`,
    );
    const after = await countingFileReads(prefix, catalogFile, () =>
      quietWindow(backend.pid, opts.afterS),
    );
    log(
      `${app.name}: ${opts.afterS} s window: RSS ${after.rssMbAtEnd.toFixed(
        0,
      )} MB, machine ${after.machineCpuPct.toFixed(
        0,
      )} %, backend ${after.backendCpuSeconds.toFixed(
        1,
      )} CPU-s (${describeMinutes(after)}; load ${after.loadAvg})`,
    );
    log(
      `${app.name}: database transactions from served to the end of the ${
        opts.afterS
      } s window: ${describeTransactions(
        txServed,
        await transactionsByDatabase(prefix),
      )}`,
    );
    if (stopAfterProfile) {
      const summary = summarizeProfile(await stopAfterProfile());
      fs.writeFileSync(`${afterProfileFile}.txt`, summary);
      log(
        `${app.name}: profile from served to the end of the ${opts.afterS} s window (${afterProfileFile})\n${summary}`,
      );
    }
    if (stopHeapProfile) {
      const summary = summarizeHeapProfile(await stopHeapProfile());
      fs.writeFileSync(`${heapFile}.txt`, summary);
      log(`${app.name}: heap profile since ready (${heapFile})\n${summary}`);
    }
    const profileFile = path.join(work, `idle-${app.name}.cpuprofile`);
    const stopProfile =
      inspectPort && opts.profileIdle
        ? await startProfile(inspectPort, profileFile)
        : undefined;
    const tx0 = await transactionsByDatabase(prefix);
    const idle = await countingFileReads(prefix, catalogFile, () =>
      quietWindow(backend.pid, opts.idleS),
    );
    log(
      `${app.name}: database transactions in the ${
        opts.idleS
      } s window: ${describeTransactions(
        tx0,
        await transactionsByDatabase(prefix),
      )}`,
    );
    if (stopProfile) {
      const summary = summarizeProfile(await stopProfile());
      fs.writeFileSync(`${profileFile}.txt`, summary);
      log(`${app.name}: idle window profile (${profileFile})\n${summary}`);
    }
    log(
      `${app.name}: ${
        opts.idleS
      } s window: backend ${idle.backendCpuSeconds.toFixed(
        1,
      )} CPU-s, machine ${idle.machineCpuPct.toFixed(0)} % (${describeMinutes(
        idle,
      )}; load ${idle.loadAvg})`,
    );
    loads.push(`${app.name} at the end: ${idle.loadAvg}`);
    return { readyMs, servedMs, list, facet, after, idle };
  } finally {
    await backend.stop();
  }
}

async function main() {
  log(
    `scale bench: ${opts.components} components, ${
      opts.requests
    } requests, windows ${opts.afterS} s + ${
      opts.idleS
    } s, work dir ${work} (load ${loadAverage()})`,
  );
  loads.push(`at start: ${loadAverage()}`);
  const apps = appsUnderTest();
  // Neither app may write into the checkout's own data folders.
  process.env.PORTAL_DATA_DIR = path.join(work, 'data');
  process.env.PORTAL_REPOSITORY_ROOT = path.join(work, 'repositories');
  const figures: Record<AppName, AppFigures> = {
    stock: { ready: [] } as unknown as AppFigures,
    portal: { ready: [] } as unknown as AppFigures,
  };

  const catalogOpts = {
    components: opts.components,
    withKubernetesId: Math.floor(opts.components / 2),
  };
  const catalogFile = writeCatalog(work, catalogOpts);
  const manifests = path.join(work, 'manifests');
  const deployments = writeWorkloadManifests(manifests, catalogOpts);
  if (!opts.scaleRunsSkipped) {
    const scale = await cluster(manifests, 'scale');
    try {
      const running = await waitForRunningPods(scale, deployments, 180_000);
      const rest = await waitForSettledCluster(scale, 300_000);
      const settled = rest.settled
        ? `at rest after another ${Math.round(rest.seconds)} s`
        : `${rest.rolledOut} rolled out, still busy after ${Math.round(
            rest.seconds,
          )} s`;
      log(
        `local cluster: ${deployments} deployments, ${running} of their pods running, ${settled}`,
      );
      notes.push(
        `local cluster: ${deployments} deployments, ${running} pods running, ${settled}`,
      );
      // Alternating, so that each pair of runs shares the machine's conditions.
      for (let round = 0; round < opts.scaleRuns; round++) {
        for (const name of ORDER) {
          const runs = (figures[name].scaleRuns ??= []);
          runs.push(
            await withRetries(`${name} scale run ${round + 1}`, () =>
              scaleRun(apps[name], scale, catalogFile),
            ),
          );
          figures[name].scale = medianRun(runs);
        }
      }
    } finally {
      await scale.stop();
    }
  }

  // Ready time and RSS peaks with each app's demo config against the demo workloads.
  const demo = await cluster(
    path.join(repoRoot, 'deploy/demo-cluster'),
    'demo',
  );
  try {
    for (
      let round = 0;
      !opts.readyRunsSkipped && round < opts.readyRuns;
      round++
    ) {
      for (const name of ORDER) {
        figures[name].ready.push(
          await withRetries(`${name} ready run ${round + 1}`, () =>
            readyRun(apps[name], demo, round),
          ),
        );
      }
    }
  } finally {
    await demo.stop();
  }

  console.log('');
  if (ORDER.length < 2 || opts.readyRunsSkipped || opts.scaleRunsSkipped) {
    // A partial run has no side-by-side table; its figures are printed as measured.
    console.log(JSON.stringify(figures, null, 2));
    console.log(`logs and configs: ${work}`);
    return;
  }
  console.log(
    renderTable(figures.stock, figures.portal, {
      components: opts.components,
      cores: cpuCount(),
      earlyS: opts.earlyS,
      lateS: opts.lateS,
    }),
  );
  if (opts.scaleRuns > 1) {
    console.log('');
    console.log(
      `The ${opts.scaleRuns} scale runs, stock → the portal (the table above: each figure's median):`,
    );
    console.log(
      renderRuns(figures.stock.scaleRuns ?? [], figures.portal.scaleRuns ?? []),
    );
  }
  console.log('');
  console.log(`load averages (1/5/15 min): ${loads.join('; ')}`);
  for (const note of notes) console.log(note);
  console.log(`logs and configs: ${work}`);
}

// Ctrl-C stops the backends and clusters the bench started (they run in groups of their own).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping what the bench started`);
    Promise.all([...started].map(p => p.stop())).finally(() =>
      process.exit(130),
    );
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
