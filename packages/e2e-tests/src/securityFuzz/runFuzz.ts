import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// Test-only code: the fuzz test and bench/fuzz.ts import this folder, nothing ships it.
// eslint-disable-next-line @backstage/no-undeclared-imports
import fc from 'fast-check';
import { PortalClient } from '../PortalClient';
import { PortalBackend, startPortalBackend } from '../startPortalBackend';
import { FuzzCase, ROUTES, fuzzCases } from './cases';
import { edgeCases } from './edgeCases';

export interface FuzzPortal {
  backend: PortalBackend;
  secret: string;
  tokens: Record<FuzzCase['auth'], string | undefined>;
  stop(): Promise<void>;
}

/**
 * The development portal (SQLite in a temporary folder) with the CI token layer and a GitHub
 * webhook secret, signed in as an admin so that authorization never stops a body before the
 * code under test reads it.
 */
export async function startFuzzPortal(): Promise<FuzzPortal> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-fuzz-'));
  const apiToken = crypto.randomBytes(24).toString('base64url');
  const secret = crypto.randomBytes(16).toString('hex');
  try {
    const backend = await startPortalBackend({
      configs: ['app-config.yaml', 'app-config.api-access.yaml'],
      env: { PORTAL_DATA_DIR: dataDir, PORTAL_API_TOKEN: apiToken },
      override: {
        auth: {
          providers: { guest: { userEntityRef: 'user:default/olivia.brooks' } },
        },
        dora: {
          demo: { enabled: false },
          kubernetes: { enabled: false },
          github: { webhookSecret: secret, incidentLabel: 'incident' },
        },
      },
    });
    const anonymous = new PortalClient(backend.baseUrl);
    // Until the catalog holds the user, sign-in gives a token without memberships.
    await (
      await anonymous.signInAsGuest()
    ).waitForEntities([
      'User:olivia.brooks',
      'Group:portal-admins',
      'Component:payment-service',
    ]);
    const user = await anonymous.signInAsGuest();
    return {
      backend,
      secret,
      tokens: {
        user: (user as unknown as { token: string }).token,
        ci: apiToken,
        none: undefined,
      },
      async stop() {
        await backend.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}

type StatusClass = '2xx' | '3xx' | '4xx' | '5xx' | 'error';

export interface FuzzResult {
  requests: number;
  counts: Record<string, Record<StatusClass, number>>;
  /** Responses 5xx and requests the server dropped, with what was sent, for the failure message. */
  failures: { route: string; status: StatusClass | number; sent: string }[];
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  edge: { route: string; status: number | 'error'; ms: number }[];
  /** The three slowest generated requests, to say what a high percentile is made of. */
  slowest: { ms: number; status: number | 'error'; sent: string }[];
  /** Requests whose first attempt got no answer (then sent once more), with the one before. */
  retried: { sent: string; previous: string }[];
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function send(portal: FuzzPortal, c: FuzzCase) {
  const headers: Record<string, string> = { ...c.headers };
  const token = portal.tokens[c.auth];
  if (token) headers.authorization = `Bearer ${token}`;
  const once = async () => {
    const started = performance.now();
    try {
      const res = await fetch(`${portal.backend.baseUrl}${c.path}`, {
        method: c.method,
        headers,
        body: c.body,
      });
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - started };
    } catch {
      return { status: 'error' as const, ms: performance.now() - started };
    }
  };
  const first = await once();
  if (first.status !== 'error') return { ...first, retried: false };
  // A keep-alive socket the server closed as the client reused it fails a POST without an
  // answer (fetch retries only idempotent methods); sent again on a fresh socket, a server
  // that is still up answers. Only a second failure counts as dropped; retries are reported.
  return { ...(await once()), retried: true };
}

const classOf = (s: number | 'error'): StatusClass =>
  s === 'error' ? 'error' : (`${Math.floor(s / 100)}xx` as StatusClass);

function describe(c: FuzzCase): string {
  const body = c.body?.subarray(0, 300).toString('utf8') ?? '';
  return `${c.method} ${c.path.slice(0, 300)} ${JSON.stringify(c.headers).slice(
    0,
    300,
  )} ${body}`;
}

/**
 * Sends `count` seed-fixed generated bodies one at a time (so a latency is the route's, not the
 * queue's), then the fixed edge cases, counting responses per route and status class.
 */
export async function runFuzz(
  portal: FuzzPortal,
  options: { seed: number; count: number; onProgress?: (done: number) => void },
): Promise<FuzzResult> {
  const cases = fc.sample(fuzzCases(portal.secret), {
    seed: options.seed,
    numRuns: options.count,
  });
  const counts: FuzzResult['counts'] = Object.fromEntries(
    ROUTES.map(r => [r, { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, error: 0 }]),
  );
  const failures: FuzzResult['failures'] = [];
  const latencies: number[] = [];
  let slowest: FuzzResult['slowest'] = [];
  const retried: FuzzResult['retried'] = [];
  // Generating takes seconds, longer than the server keeps the sign-in's sockets alive; a GET
  // (which fetch retries) finds the stale one, so the first POST does not.
  await stillHealthy(portal);
  for (const [i, c] of cases.entries()) {
    const { status, ms, retried: again } = await send(portal, c);
    if (again) {
      retried.push({
        sent: describe(c).slice(0, 200),
        previous: i > 0 ? describe(cases[i - 1]).slice(0, 200) : '',
      });
    }
    const cls = classOf(status);
    counts[c.route][cls]++;
    latencies.push(ms);
    if (slowest.length < 3 || ms > slowest[2].ms) {
      slowest = [
        ...slowest,
        { ms: Math.round(ms), status, sent: describe(c).slice(0, 200) },
      ]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 3);
    }
    if (cls === '5xx' || cls === 'error') {
      failures.push({ route: c.route, status, sent: describe(c) });
    }
    if (options.onProgress && (i + 1) % 1000 === 0) options.onProgress(i + 1);
  }
  const edge: FuzzResult['edge'] = [];
  for (const c of edgeCases(portal.secret)) {
    const { status, ms } = await send(portal, c);
    edge.push({ route: c.route, status, ms: Math.round(ms) });
    const cls = classOf(status);
    if (cls === '5xx' || cls === 'error') {
      failures.push({ route: c.route, status, sent: describe(c) });
    }
  }
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    requests: cases.length,
    counts,
    failures,
    latencyMs: {
      p50: round(quantile(latencies, 0.5)),
      p95: round(quantile(latencies, 0.95)),
      p99: round(quantile(latencies, 0.99)),
      max: round(latencies[latencies.length - 1] ?? 0),
    },
    edge,
    slowest,
    retried,
  };
}

/** Whether the backend still answers after the run (a crash or a wedged event loop does not). */
export async function stillHealthy(portal: FuzzPortal): Promise<boolean> {
  try {
    const res = await fetch(
      `${portal.backend.baseUrl}/.backstage/health/v1/liveness`,
      { signal: AbortSignal.timeout(5_000) },
    );
    return res.ok;
  } catch {
    return false;
  }
}

export function formatResult(r: FuzzResult): string {
  const lines = [
    `${r.requests} generated requests (+${r.edge.length} fixed edge cases)`,
    'route                              2xx    4xx    5xx  error',
    ...Object.entries(r.counts).map(
      ([route, c]) =>
        `${route.padEnd(32)} ${String(c['2xx']).padStart(6)} ${String(
          c['4xx'],
        ).padStart(6)} ${String(c['5xx']).padStart(6)} ${String(
          c.error,
        ).padStart(6)}`,
    ),
    `5xx or dropped: ${r.failures.length}; answered only when sent again: ${r.retried.length}`,
    `latency ms: p50 ${r.latencyMs.p50}, p95 ${r.latencyMs.p95}, p99 ${r.latencyMs.p99} (limit 200), max ${r.latencyMs.max}`,
    `slowest: ${r.slowest
      .map(x => `${x.ms}ms ${x.status} ${x.sent}`)
      .join('\n         ')}`,
    `edge cases: ${r.edge
      .map(e => `${e.route} ${e.status} ${e.ms}ms`)
      .join('; ')}`,
  ];
  return lines.join('\n');
}
