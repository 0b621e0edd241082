/**
 * Baselines of the portal itself (no peer): backend cold start to healthy, idle RSS, and the
 * JavaScript a browser downloads to show the catalog page. Later benchmarks compare against these.
 *
 *   yarn bench:baseline            (needs `yarn workspace app build` first)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import {
  PortalClient,
  repoRoot,
  startPortalBackend,
} from '../packages/e2e-tests/src';
import { demoEntities } from '../packages/e2e-tests/src/demoCatalog';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 20_000);

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
  return kb / 1024;
}

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function coldStarts() {
  const seconds: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-bench-'));
    const t0 = performance.now();
    const backend = await startPortalBackend({
      configs: ['app-config.yaml'],
      env: { PORTAL_DATA_DIR: dataDir },
    });
    seconds.push((performance.now() - t0) / 1000);
    await backend.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return seconds;
}

async function idleAndPageWeight() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-bench-'));
  const backend = await startPortalBackend({
    configs: ['app-config.yaml'],
    env: { PORTAL_DATA_DIR: dataDir },
  });
  try {
    const guest = await new PortalClient(backend.baseUrl).signInAsGuest();
    await guest.waitForEntities(demoEntities);
    await new Promise(r => setTimeout(r, IDLE_MS));
    const idleRss = rssMb(backend.pid);

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
      ],
    });
    const page = await browser.newPage();
    const scripts = new Map<
      string,
      { wire: number; raw: number; gz: number }
    >();
    page.on('response', async res => {
      if (!res.url().endsWith('.js') || scripts.has(res.url())) return;
      const body = await res.body().catch(() => undefined);
      if (!body) return;
      const sizes = await res.request().sizes();
      scripts.set(res.url(), {
        wire: sizes.responseBodySize,
        raw: body.length,
        gz: zlib.gzipSync(body).length,
      });
    });
    await page.goto(`${backend.baseUrl}/catalog`);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: 'Payment Service' })
      .waitFor();
    await page.waitForLoadState('networkidle');
    await browser.close();
    const total = (k: 'wire' | 'raw' | 'gz') =>
      [...scripts.values()].reduce((sum, s) => sum + s[k], 0) / 1024;
    return {
      idleRss,
      files: scripts.size,
      wire: total('wire'),
      raw: total('raw'),
      gz: total('gz'),
    };
  } finally {
    await backend.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  if (!fs.existsSync(path.join(repoRoot, 'packages/app/dist/index.html'))) {
    throw new Error('build the app first: yarn workspace app build');
  }
  const starts = await coldStarts();
  const page = await idleAndPageWeight();
  const fmt = (n: number) => n.toFixed(1);
  console.log(
    `backend cold start to healthy: median ${fmt(
      median(starts),
    )} s over ${RUNS} runs (${starts.map(fmt).join(', ')})`,
  );
  console.log(
    `backend idle RSS after ${IDLE_MS / 1000}s with the demo catalog: ${fmt(
      page.idleRss,
    )} MB`,
  );
  console.log(
    `catalog page, initial JS: ${page.files} files, ${fmt(
      page.gz,
    )} KB gzip (${fmt(page.wire)} KB on the wire, ${fmt(
      page.raw,
    )} KB uncompressed)`,
  );
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
