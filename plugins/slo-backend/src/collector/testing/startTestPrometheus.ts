import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { RawSeries, toOpenMetrics } from './syntheticHistory';

const run = promisify(execFile);

/** A real Prometheus serving a backfilled TSDB (needs `prometheus` and `promtool`; see scripts/system-deps.sh). */
export interface TestPrometheus {
  baseUrl: string;
  dataDir: string;
  /** Stops the server (SIGTERM, so the TSDB closes cleanly and can be reopened). */
  stop(): Promise<void>;
  /** Starts it again on the same data, on a fresh port. */
  restart(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(baseUrl: string, child: ChildProcess, log: string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`prometheus exited: ${fs.readFileSync(log, 'utf8')}`);
    }
    try {
      const res = await fetch(`${baseUrl}/-/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error(
    `prometheus never became ready: ${fs.readFileSync(log, 'utf8')}`,
  );
}

/** Writes `series` as OpenMetrics, backfills them into a TSDB with promtool and serves it. */
export async function startTestPrometheus(
  series: RawSeries[],
): Promise<TestPrometheus> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-prometheus-'));
  const dataDir = path.join(dir, 'data');
  const input = path.join(dir, 'history.om');
  const config = path.join(dir, 'prometheus.yml');
  const log = path.join(dir, 'prometheus.log');
  fs.writeFileSync(input, toOpenMetrics(series));
  // No scrape jobs: the backfilled history is all the server holds.
  fs.writeFileSync(config, 'global: {}\n');
  // One block for the whole history: with the default 2h blocks promtool re-reads the file per block.
  await run(
    'promtool',
    [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '--quiet',
      '--max-block-duration=2400h',
      input,
      dataDir,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  fs.rmSync(input);

  let child: ChildProcess | undefined;
  const handle: TestPrometheus = {
    baseUrl: '',
    dataDir,
    async stop() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise(r => c.once('exit', r));
      c.kill('SIGTERM');
      await exited;
    },
    async restart() {
      await handle.stop();
      const port = await freePort();
      handle.baseUrl = `http://127.0.0.1:${port}`;
      const out = fs.openSync(log, 'a');
      child = spawn(
        'prometheus',
        [
          `--config.file=${config}`,
          `--storage.tsdb.path=${dataDir}`,
          '--storage.tsdb.retention.time=60d',
          `--web.listen-address=127.0.0.1:${port}`,
        ],
        { stdio: ['ignore', out, out] },
      );
      fs.closeSync(out);
      await waitReady(handle.baseUrl, child, log);
    },
  };
  await handle.restart();
  return handle;
}

/** Removes the server's files once it is stopped. */
export function removeTestPrometheus(p: TestPrometheus | undefined) {
  if (p) fs.rmSync(path.dirname(p.dataDir), { recursive: true, force: true });
}
