import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The repository root, where the app-config files live. */
export const repoRoot = path.resolve(
  path.dirname(require.resolve('@internal/e2e-tests/package.json')),
  '../..',
);
const backendDir = path.join(repoRoot, 'packages/backend');

export interface PortalBackend {
  baseUrl: string;
  pid: number;
  /** Everything the backend printed so far; handy in assertion messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartPortalBackendOptions {
  /** Config files, relative to the repository root, in the order Backstage layers them. */
  configs: string[];
  /** Extra config layered on top, e.g. a test database prefix. */
  override?: Record<string, unknown>;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** A fixed port, for callers that must know the URL up front; a free one otherwise. */
  port?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Boots the real backend from packages/backend (the same entry point and TypeScript loader as
 * `yarn start`) on a free loopback port and waits until it reports ready.
 */
export async function startPortalBackend(
  options: StartPortalBackendOptions,
): Promise<PortalBackend> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-backend-'));
  const overridePath = path.join(tmp, 'app-config.test.yaml');
  // JSON is YAML, and saves a YAML dependency here.
  fs.writeFileSync(
    overridePath,
    JSON.stringify({
      ...options.override,
      app: { baseUrl },
      backend: {
        ...((options.override?.backend as object) ?? {}),
        baseUrl,
        listen: { port, host: '127.0.0.1' },
        cors: { origin: baseUrl },
      },
    }),
  );

  const configArgs = [
    ...options.configs.map(c => path.join(repoRoot, c)),
    overridePath,
  ].flatMap(c => ['--config', c]);
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      'src/index.ts',
      ...configArgs,
    ],
    {
      cwd: backendDir,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        ESBK_TSCONFIG_PATH: path.join(repoRoot, 'tsconfig.json'),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));

  const backend: PortalBackend = {
    baseUrl,
    pid: child.pid!,
    output: () => output,
    stop: () => stopChild(child, tmp),
  };
  try {
    await waitUntilReady(baseUrl, child, options.timeoutMs ?? 120_000);
  } catch (error) {
    await backend.stop();
    throw new Error(
      `${(error as Error).message}\n--- backend output ---\n${output}`,
    );
  }
  return backend;
}

async function waitUntilReady(
  baseUrl: string,
  child: ChildProcess,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`backend exited with code ${child.exitCode}`);
    }
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(`backend not ready within ${timeoutMs} ms`);
}

async function stopChild(child: ChildProcess, tmp: string) {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise(resolve => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}
