/**
 * The two apps under comparison, started the same way: each app's dev entry as
 * `backstage-cli package start` (what `yarn start` runs) runs it — `node --enable-source-maps
 * --require <its cli-node nodeTransform> src/index.ts` in packages/backend — but without the CLI's
 * file watcher around it: in a checkout other people edit, the watcher restarts the backend
 * mid-measurement. Each app has its own app-config.yaml, and a bench layer on top that points both at the same PostgreSQL server
 * (databases of their own, dropped first), the same local cluster and, for the scale runs, the
 * same generated catalog file and a static token to read it back with.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory from 'knex';

export const PG_URL =
  process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432';

export type AppName = 'stock' | 'portal';

export interface AppUnderTest {
  name: AppName;
  root: string;
  backendDir: string;
  /** The app's own `@backstage/cli-node/config/nodeTransform.cjs`, the dev entry's loader. */
  nodeTransform: string;
}

export const BENCH_TOKEN_SUBJECT = 'scale-bench';

export interface BenchLayer {
  port: number;
  /** Every plugin database of this run is named `<prefix><plugin>`. */
  dbPrefix: string;
  cluster: { url: string; token: string };
  /** Static token the bench reads the catalog with. */
  token: string;
  /** The generated catalog; without it the app keeps its own demo locations. */
  catalogFile?: string;
}

/** Drops every database whose name starts with the prefix, so each run ingests from nothing. */
export async function dropDatabases(prefix: string) {
  const admin = knexFactory({ client: 'pg', connection: `${PG_URL}/postgres` });
  try {
    const { rows } = await admin.raw(
      'SELECT datname FROM pg_database WHERE datname LIKE ?',
      [`${prefix}%`],
    );
    for (const { datname } of rows as { datname: string }[]) {
      await admin.raw('DROP DATABASE ?? WITH (FORCE)', [datname]);
    }
  } finally {
    await admin.destroy();
  }
}

/**
 * Committed transactions per database of one app (`prefix` + plugin id), as PostgreSQL counts
 * them: the difference over a quiet window says which plugin keeps the database busy.
 */
export async function transactionsByDatabase(
  prefix: string,
): Promise<Map<string, number>> {
  const admin = knexFactory({ client: 'pg', connection: `${PG_URL}/postgres` });
  try {
    const { rows } = await admin.raw(
      'SELECT datname, xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname LIKE ?',
      [`${prefix}%`],
    );
    return new Map(
      (rows as { datname: string; n: string }[]).map(r => [
        r.datname.slice(prefix.length),
        Number(r.n),
      ]),
    );
  } finally {
    await admin.destroy();
  }
}

/** `after - before` per database, busiest first, as one line for the log. */
export function describeTransactions(
  before: Map<string, number>,
  after: Map<string, number>,
): string {
  return [...after]
    .map(([db, n]) => [db, n - (before.get(db) ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([db, n]) => `${db} ${n}`)
    .join(', ');
}

function pgConnection() {
  const url = new URL(PG_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username || 'postgres'),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
  };
}

/** Writes the bench layer for one app into `dir` and returns its path. JSON is YAML. */
export function writeBenchConfig(
  dir: string,
  app: AppName,
  layer: BenchLayer,
): string {
  const baseUrl = `http://127.0.0.1:${layer.port}`;
  const config: Record<string, any> = {
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { port: layer.port, host: '127.0.0.1' },
      cors: { origin: baseUrl },
      database: {
        client: 'pg',
        connection: pgConnection(),
        prefix: layer.dbPrefix,
      },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: layer.token, subject: BENCH_TOKEN_SUBJECT },
          },
        ],
      },
    },
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'local',
              url: layer.cluster.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: layer.cluster.token,
            },
          ],
        },
      ],
    },
  };
  if (layer.catalogFile) {
    config.catalog = {
      locations: [
        {
          type: 'file',
          target: layer.catalogFile,
          // Stock's global rules leave out Users and Groups; a per-location rule is how its
          // own config lets org data in. The portal allows them from file locations already.
          rules: [{ allow: ['Component', 'System', 'Group', 'User'] }],
        },
      ],
    };
  }
  if (app === 'portal') {
    // The portal confines static-token clients to the routes listed for their subject.
    config.permission = {
      portal: {
        externalRoutes: {
          [BENCH_TOKEN_SUBJECT]: [
            'GET /api/catalog/entities/by-query',
            'GET /api/catalog/entity-facets',
          ],
        },
      },
    };
  }
  const file = path.join(dir, `app-config.bench-${app}.yaml`);
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** Everything the bench started and has not stopped yet, for cleanup on Ctrl-C. */
export const started = new Set<{ stop(): Promise<void> }>();

export interface RunningBackend {
  pid: number;
  baseUrl: string;
  /** performance.now() at spawn. */
  startedAt: number;
  exited(): boolean;
  stop(): Promise<void>;
}

/** Spawns the app's dev entry in a process group of its own. */
export function startBackend(
  app: AppUnderTest,
  configFiles: string[],
  port: number,
  logFile: string,
  inspectPort?: number,
): RunningBackend {
  const log = fs.openSync(logFile, 'w');
  const startedAt = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(inspectPort ? [`--inspect=127.0.0.1:${inspectPort}`] : []),
      ...(process.env.BENCH_TRACE_GC ? ['--trace-gc'] : []),
      '--enable-source-maps',
      '--require',
      app.nodeTransform,
      'src/index.ts',
      ...configFiles.flatMap(c => ['--config', c]),
    ],
    {
      cwd: app.backendDir,
      detached: true,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        ESBK_TSCONFIG_PATH: path.join(app.root, 'tsconfig.json'),
      },
      stdio: ['ignore', log, log],
    },
  );
  const exitedP = new Promise(r => child.once('exit', r));
  const backend: RunningBackend = {
    pid: child.pid!,
    baseUrl: `http://127.0.0.1:${port}`,
    startedAt,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          // group already gone
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // gone
          }
        }, 15_000);
        await exitedP;
        clearTimeout(timer);
      }
      fs.closeSync(log);
      started.delete(backend);
    },
  };
  started.add(backend);
  return backend;
}

/** Milliseconds from spawn until the readiness endpoint answers 200. */
export async function waitReady(
  backend: RunningBackend,
  logFile: string,
  timeoutMs = 300_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (backend.exited()) {
      throw new Error(
        `backend exited before ready:\n${fs
          .readFileSync(logFile, 'utf8')
          .slice(-4000)}`,
      );
    }
    try {
      const res = await fetch(
        `${backend.baseUrl}/.backstage/health/v1/readiness`,
      );
      if (res.ok) return performance.now() - backend.startedAt;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error(`backend not ready within ${timeoutMs} ms (log: ${logFile})`);
}
