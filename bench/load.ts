/**
 * Load: 200 concurrent readers of the DORA leads page's and the SLO pages' API calls for 60 s,
 * on loopback, against the portal backend on PostgreSQL with 10,000 generated catalog
 * components (bench/scale/catalog.ts, a config location next to the demo catalog), signed in as
 * a plain user (the guest, a user token that owns nothing). Goal: p95 under 300 ms, no errors.
 *
 *   yarn bench:load
 *   BENCH_READERS=50 BENCH_SECONDS=20 BENCH_COMPONENTS=2000 yarn bench:load   (a quick run)
 *   BENCH_REUSE=1 yarn bench:load   (keep the bench_load_* databases: the catalog goes on from
 *                                     what an earlier run ingested; on a loaded 2-core machine
 *                                     ingesting 10,000 components takes over half an hour)
 *
 * Two phases in one run, on the same backend:
 *
 * - Readers (the goal's figure): each of the 200 readers loads a page as a browser does, the
 *   page's calls in parallel with at most 6 in flight (Chromium's connections per host over
 *   HTTP/1.1), then reads it for a think time (BENCH_THINK_MS, default 5,000 ms mean, uniform
 *   between half and one and a half of it, seeded) before the next page. Pages are listed in
 *   `pageViews` (taken from plugins/dora/src and plugins/slo/src: the leads page asks for
 *   every team's keys in one request, the organisation's and the source coverage at once;
 *   the SLO overview lists SLOs by budget; the SLO detail page reads one SLO; an entity's SLO
 *   tab reads the entity's SLOs and its deploy gate).
 * - Saturation (capacity, not the goal): the same readers with no think time and one call at a
 *   time (BENCH_SATURATION_SECONDS, default 30; 0 skips it). The backend is then always busy,
 *   so a call waits readers / throughput on average (Little's law): the figure to watch is the
 *   throughput.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mulberry32 } from '@internal/portal-common';
import {
  PortalClient,
  freePort,
  repoRoot,
  startPortalBackend,
} from '../packages/e2e-tests/src';
import { PG_URL, dropDatabases } from './scale/apps';
import { writeCatalog } from './scale/catalog';
import { percentile } from './scale/measure';

const READERS = Number(process.env.BENCH_READERS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 10_000);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 5_000);
const SATURATION_SECONDS = Number(process.env.BENCH_SATURATION_SECONDS ?? 30);
/** Chromium's connections per host over HTTP/1.1. */
const BROWSER_CONNECTIONS = 6;
const GOAL_P95_MS = 300;
const DB_PREFIX = 'bench_load_';
const LEADS_SCOPE = 'window=30d&environment=production';

const log = (message: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const load = () =>
  os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(' ');

function pgConnection() {
  const url = new URL(PG_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
  };
}

async function getJson(client: PortalClient, p: string) {
  const res = await client.request(p);
  if (!res.ok) throw new Error(`GET ${p}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise(r => setTimeout(r, 2000));
  }
}

/** Each page a reader loads: its stages in order, each stage's calls sent together. */
async function pageViews(user: PortalClient): Promise<string[][][]> {
  const teams = await getJson(user, `/api/dora/metrics/teams?${LEADS_SCOPE}`);
  const teamRefs: string[] = teams.teams.map((t: { ref: string }) => t.ref);
  const slos = await getJson(user, '/api/slo/slos?sort=budget');
  const items: Array<{ slo: { id: string }; entityRef: string }> = slos.items;
  const entities = [...new Set(items.map(s => s.entityRef))];
  log(
    `pages: ${teamRefs.length} teams on the leads page, ${items.length} SLOs of ${entities.length} entities`,
  );
  // The leads page asks for its table (every team's keys in one request), the organisation's
  // row and the source coverage at once.
  const leads = [
    [
      `/api/dora/metrics/teams?${LEADS_SCOPE}`,
      `/api/dora/metrics?${LEADS_SCOPE}`,
      '/api/dora/coverage',
    ],
  ];
  return [
    leads,
    [['/api/slo/slos?sort=budget']],
    ...items.map(s => [
      [`/api/slo/slo?id=${encodeURIComponent(s.slo.id)}&resolution=1h`],
    ]),
    ...entities.map(ref => [
      [
        `/api/slo/entity?entityRef=${encodeURIComponent(ref)}`,
        `/api/slo/gate?entityRef=${encodeURIComponent(ref)}`,
      ],
    ]),
  ];
}

interface Sample {
  /** The route, e.g. `/api/dora/metrics` (`?group=` shown, the other parameters not). */
  route: string;
  ms: number;
  ok: boolean;
}

const routeOf = (p: string) => {
  const [pathname, query = ''] = p.split('?');
  return new URLSearchParams(query).has('group')
    ? `${pathname}?group=`
    : pathname;
};

interface Phase {
  samples: Sample[];
  /** Page load times: from the first call sent to the last answered. */
  pages: number[];
  errors: Map<string, number>;
}

async function call(user: PortalClient, p: string, phase: Phase) {
  const started = performance.now();
  let ok = false;
  let failure = '';
  try {
    const res = await user.request(p);
    await res.arrayBuffer();
    ok = res.ok;
    if (!ok) failure = `${res.status} ${p.split('?')[0]}`;
  } catch (e) {
    failure = `${(e as Error).message} ${p.split('?')[0]}`;
  }
  phase.samples.push({
    route: routeOf(p),
    ms: performance.now() - started,
    ok,
  });
  if (!ok) phase.errors.set(failure, (phase.errors.get(failure) ?? 0) + 1);
}

/** One reader: pages one after another; `browser` sends a page's calls as a browser does. */
async function reader(
  user: PortalClient,
  pages: string[][][],
  offset: number,
  until: number,
  phase: Phase,
  mode: { browser: boolean; thinkMs: number; random: () => number },
) {
  const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
  if (mode.thinkMs > 0) {
    // Readers arrive spread over one think time, not all in the first millisecond.
    await sleep(mode.random() * mode.thinkMs);
  }
  for (let page = offset; Date.now() < until; page++) {
    const stages = pages[page % pages.length];
    const started = performance.now();
    for (const calls of stages) {
      if (mode.browser) {
        let next = 0;
        await Promise.all(
          Array.from(
            { length: Math.min(BROWSER_CONNECTIONS, calls.length) },
            async () => {
              while (next < calls.length) {
                await call(user, calls[next++], phase);
              }
            },
          ),
        );
      } else {
        for (const p of calls) {
          if (Date.now() >= until) return;
          await call(user, p, phase);
        }
      }
    }
    phase.pages.push(performance.now() - started);
    if (mode.thinkMs > 0) {
      await sleep(mode.thinkMs * (0.5 + mode.random()));
    }
  }
}

async function runPhase(
  name: string,
  user: PortalClient,
  pages: string[][][],
  seconds: number,
  mode: { browser: boolean; thinkMs: number },
): Promise<Phase> {
  log(`${name}: ${READERS} readers for ${seconds} s (load ${load()})`);
  const phase: Phase = { samples: [], pages: [], errors: new Map() };
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: READERS }, (_, i) =>
      reader(user, pages, i, until, phase, {
        ...mode,
        // Seeded: think times differ by reader but not by run.
        random: mulberry32(i + 1),
      }),
    ),
  );
  return phase;
}

function report(title: string, phase: Phase, seconds: number) {
  const ms = phase.samples.map(s => s.ms);
  const p95 = percentile(ms, 95);
  const failed = phase.samples.filter(s => !s.ok).length;
  console.log('');
  console.log(title);
  console.log(
    `requests: ${phase.samples.length} (${(
      phase.samples.length / seconds
    ).toFixed(0)}/s), errors: ${failed}, pages: ${phase.pages.length}`,
  );
  console.log(
    `latency ms: p50 ${percentile(ms, 50).toFixed(1)}, p95 ${p95.toFixed(
      1,
    )}, p99 ${percentile(ms, 99).toFixed(1)}, max ${Math.max(...ms).toFixed(
      1,
    )}`,
  );
  console.log(
    `page load ms: p50 ${percentile(phase.pages, 50).toFixed(
      1,
    )}, p95 ${percentile(phase.pages, 95).toFixed(1)}`,
  );
  console.log(`p95 / 300 ms goal: ${(p95 / GOAL_P95_MS).toFixed(2)}`);
  for (const [what, n] of phase.errors) console.log(`  error ${what}: ${n}`);
  console.log('by route (requests, p50, p95 ms):');
  const routes = new Map<string, number[]>();
  for (const sample of phase.samples) {
    const times = routes.get(sample.route) ?? [];
    times.push(sample.ms);
    routes.set(sample.route, times);
  }
  for (const [route, times] of [...routes].sort()) {
    console.log(
      `  ${route}: ${times.length}, ${percentile(times, 50).toFixed(
        1,
      )}, ${percentile(times, 95).toFixed(1)}`,
    );
  }
}

async function main() {
  // A fixed folder: the catalog location's target must stay the same for BENCH_REUSE=1.
  const work =
    process.env.BENCH_CATALOG_DIR ??
    path.join(os.tmpdir(), 'portal-bench-load');
  fs.mkdirSync(work, { recursive: true });
  log(
    `load bench: ${COMPONENTS} components, ${READERS} readers for ${SECONDS} s; ${
      os.cpus().length
    } cores, load ${load()}`,
  );
  const catalogFile = writeCatalog(work, {
    components: COMPONENTS,
    withKubernetesId: Math.floor(COMPONENTS / 2),
    seed: 20,
  });
  if (!process.env.BENCH_REUSE) await dropDatabases(DB_PREFIX);
  const backend = await startPortalBackend({
    configs: ['app-config.yaml'],
    port: await freePort(),
    timeoutMs: 300_000,
    env: { PORTAL_DATA_DIR: path.join(work, 'data') },
    override: {
      backend: {
        database: {
          client: 'pg',
          connection: pgConnection(),
          prefix: DB_PREFIX,
        },
      },
      catalog: {
        locations: [
          // The demo organisation, services, SLO specs and DORA demo history, and the 10,000.
          { type: 'file', target: path.join(repoRoot, 'catalog/all.yaml') },
          { type: 'file', target: catalogFile },
        ],
      },
    },
  });
  try {
    const anonymous = new PortalClient(backend.baseUrl);
    const early = await anonymous.signInAsGuest();
    const started = Date.now();
    let reported = 0;
    await waitFor('10,000 components in the catalog', 3_600_000, async () => {
      const body = await getJson(
        early,
        '/api/catalog/entities/by-query?filter=kind=component&limit=1',
      );
      if (Date.now() - reported > 60_000) {
        reported = Date.now();
        log(`catalog: ${body.totalItems} components (load ${load()})`);
      }
      return body.totalItems >= COMPONENTS ? true : undefined;
    });
    log(
      `catalog: ${COMPONENTS}+ components served after ${(
        (Date.now() - started) /
        1000
      ).toFixed(0)} s (load ${load()})`,
    );
    const user = await anonymous.signInAsGuest();
    await waitFor('SLO specs and DORA demo history', 300_000, async () => {
      const slos = await getJson(user, '/api/slo/slos');
      const metrics = await getJson(user, `/api/dora/metrics?${LEADS_SCOPE}`);
      return slos.items.length > 0 && metrics ? true : undefined;
    });
    const pages = await pageViews(user);

    const readers = await runPhase('readers', user, pages, SECONDS, {
      browser: true,
      thinkMs: THINK_MS,
    });
    const loadAfterReaders = load();
    const saturation =
      SATURATION_SECONDS > 0
        ? await runPhase('saturation', user, pages, SATURATION_SECONDS, {
            browser: false,
            thinkMs: 0,
          })
        : undefined;
    report(
      `readers: ${READERS}, ${SECONDS} s, think time ${THINK_MS} ms mean, a page's calls ${BROWSER_CONNECTIONS} at a time; ${COMPONENTS} components, PostgreSQL, loopback (load at the end ${loadAfterReaders})`,
      readers,
      SECONDS,
    );
    if (saturation) {
      report(
        `saturation (capacity, not the goal): ${READERS} readers, no think time, one call at a time, ${SATURATION_SECONDS} s`,
        saturation,
        SATURATION_SECONDS,
      );
    }
    console.log(`load averages (1/5/15 min) at the end: ${load()}`);
  } finally {
    await backend.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
