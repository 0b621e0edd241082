/**
 * The peer of the scale bench: a stock Backstage app as `@backstage/create-app` generates it,
 * installed once into a cache directory keyed by the create-app version and reused by later runs.
 *
 * Only the install inputs are touched: its `yarn.lock` is seeded from ours and our root
 * `resolutions` / `dependenciesMeta` are copied over (the registry mirror lacks some
 * other-platform binaries, see TOOLCHAIN.md), so both apps run the same package versions and
 * what differs is the portal's own code. The app's source and config stay as generated.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CREATE_APP_VERSION = '0.9.2';
const READY_MARKER = '.scale-bench-installed';

export interface StockApp {
  dir: string;
  backendDir: string;
}

export function stockAppDir(): string {
  return (
    process.env.BENCH_STOCK_APP_DIR ??
    path.join(
      process.env.PORTAL_CACHE ?? path.join(os.homedir(), '.cache/portal'),
      `stock-app-create-app-${CREATE_APP_VERSION}`,
    )
  );
}

function run(cmd: string, args: string[], cwd: string, input?: string) {
  const res = spawnSync(cmd, args, {
    cwd,
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'inherit', 'inherit'],
    env: process.env,
  });
  if (res.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed in ${cwd} (exit ${res.status})`,
    );
  }
}

function seedInstallInputs(dir: string, repoRoot: string) {
  fs.copyFileSync(
    path.join(repoRoot, 'yarn.lock'),
    path.join(dir, 'yarn.lock'),
  );
  const ours = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
  );
  const pkgPath = path.join(dir, 'package.json');
  const stock = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
  stock.resolutions = { ...ours.resolutions, ...stock.resolutions };
  stock.dependenciesMeta = {
    ...ours.dependenciesMeta,
    ...stock.dependenciesMeta,
  };
  fs.writeFileSync(pkgPath, `${JSON.stringify(stock, null, 2)}\n`);
}

/** Creates and installs the stock app unless a finished install is cached; returns its paths. */
export function ensureStockApp(repoRoot: string, log = console.log): StockApp {
  const dir = stockAppDir();
  const app: StockApp = {
    dir,
    backendDir: path.join(dir, 'packages/backend'),
  };
  if (fs.existsSync(path.join(dir, READY_MARKER))) return app;

  log(
    `stock app: creating ${dir} with @backstage/create-app@${CREATE_APP_VERSION}`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  // create-app asks for the app's name on stdin.
  run(
    'npx',
    [
      '--yes',
      `@backstage/create-app@${CREATE_APP_VERSION}`,
      '--skip-install',
      '--path',
      dir,
    ],
    path.dirname(dir),
    'stock-app\n',
  );
  seedInstallInputs(dir, repoRoot);
  log('stock app: yarn install (once; ~5 min cold)');
  run('yarn', ['install'], dir);
  fs.writeFileSync(path.join(dir, READY_MARKER), new Date().toISOString());
  return app;
}
