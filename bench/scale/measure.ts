/**
 * The scale bench's measurements against one running backend: how long until the catalog serves
 * every component, request latency percentiles, and windows of RSS and CPU read from /proc.
 */
import {
  loadAverage,
  machineCpu,
  machineCpuPercent,
  treeCpuSeconds,
  treeRssMb,
} from './procfs';
import { RunningBackend } from './apps';

export const LIST_PATH =
  '/api/catalog/entities/by-query?limit=20&orderField=metadata.name,asc&filter=kind=component';
export const FACET_PATH =
  '/api/catalog/entity-facets?facet=spec.owner&filter=kind=component';
const COUNT_PATH =
  '/api/catalog/entities/by-query?limit=1&filter=kind=component';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

async function getJson(baseUrl: string, path: string, token: string) {
  const res = await fetch(`${baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) {
    throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  }
  return res.json();
}

/** Polls the component count until it reaches `expected`; returns ms since the backend's spawn. */
export async function waitForComponents(
  backend: RunningBackend,
  expected: number,
  token: string,
  timeoutMs: number,
  progress: (count: number, elapsedS: number) => void,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let lastReport = 0;
  for (;;) {
    let count = 0;
    try {
      const body = await getJson(backend.baseUrl, COUNT_PATH, token);
      count = Number(body.totalItems);
    } catch (error) {
      // While the catalog reads the 10,000-entity file the event loop can stall long enough for
      // a kept-alive socket to be reset; only a backend that is gone ends the wait.
      if (backend.exited()) throw error;
    }
    const elapsed = performance.now() - backend.startedAt;
    if (count >= expected) return elapsed;
    if (elapsed - lastReport > 15_000) {
      progress(count, elapsed / 1000);
      lastReport = elapsed;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `only ${count} of ${expected} components served after ${Math.round(
          elapsed / 1000,
        )} s`,
      );
    }
    await sleep(1000);
  }
}

export interface Latency {
  p50: number;
  p95: number;
}

/** Sequential requests (one client, as a user paging the catalog), after a short warm-up. */
export async function latency(
  baseUrl: string,
  path: string,
  token: string,
  requests: number,
): Promise<Latency> {
  for (let i = 0; i < 3; i++) await getJson(baseUrl, path, token);
  const ms: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t0 = performance.now();
    await getJson(baseUrl, path, token);
    ms.push(performance.now() - t0);
  }
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

export interface Window {
  seconds: number;
  /** Machine CPU over the window, percent of one core. */
  machineCpuPct: number;
  /** CPU-seconds the backend's process tree used in the window. */
  backendCpuSeconds: number;
  /** Tree RSS at the end of the window. */
  rssMbAtEnd: number;
  loadAvg: string;
  /** Backend CPU-seconds in each minute of the window (the last one may be shorter). */
  perMinuteCpuSeconds: number[];
  /** How many times the catalog read the bench's catalog file in the window, when counted. */
  catalogFileReads?: number;
}

/** Waits `seconds` with nothing sent to the backend and reports what it used meanwhile. */
export async function quietWindow(
  pid: number,
  seconds: number,
): Promise<Window> {
  const m0 = machineCpu();
  const c0 = treeCpuSeconds(pid);
  // Minute by minute, so the log shows when the catalog's rounds fell in the window.
  const perMinuteCpuSeconds: number[] = [];
  let last = c0;
  for (let left = seconds; left > 0; left -= 60) {
    await sleep(Math.min(60, left) * 1000);
    const now = treeCpuSeconds(pid);
    perMinuteCpuSeconds.push(now - last);
    last = now;
  }
  const m1 = machineCpu();
  return {
    seconds,
    machineCpuPct: machineCpuPercent(m0, m1),
    backendCpuSeconds: last - c0,
    perMinuteCpuSeconds,
    rssMbAtEnd: treeRssMb(pid),
    loadAvg: loadAverage(),
  };
}

/** Highest tree RSS sampled every 500 ms from `fromS` to `toS` seconds after spawn. */
export async function rssPeak(
  backend: RunningBackend,
  fromS: number,
  toS: number,
): Promise<number> {
  let peak = 0;
  for (;;) {
    const t = (performance.now() - backend.startedAt) / 1000;
    if (t >= toS) return peak;
    if (t >= fromS) peak = Math.max(peak, treeRssMb(backend.pid));
    await sleep(500);
  }
}
