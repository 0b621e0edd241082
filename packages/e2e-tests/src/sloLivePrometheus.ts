import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './startPortalBackend';

/**
 * A service's `/metrics` as a Prometheus client library serves them: two request counters by
 * status code, counting `perSecond` requests of which `errorShare` fail, for as long as it runs.
 */
export class CountingExporter {
  ok = 0;
  errors = 0;
  errorShare = 0;
  private server?: http.Server;
  private timer?: NodeJS.Timeout;

  constructor(private readonly perSecond: number) {}

  async start(): Promise<string> {
    const port = await freePort();
    this.server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(
        [
          '# TYPE http_requests_total counter',
          `http_requests_total{code="200"} ${this.ok}`,
          `http_requests_total{code="500"} ${this.errors}`,
          '',
        ].join('\n'),
      );
    });
    await new Promise<void>(resolve =>
      this.server!.listen(port, '127.0.0.1', resolve),
    );
    // Ten ticks a second, so a 1 s scrape sees a steady stream.
    const perTick = this.perSecond / 10;
    this.timer = setInterval(() => {
      const failed = Math.round(perTick * this.errorShare);
      this.errors += failed;
      this.ok += perTick - failed;
    }, 100);
    return `127.0.0.1:${port}`;
  }

  async stop() {
    clearInterval(this.timer);
    await new Promise(resolve => this.server?.close(resolve));
  }
}

export interface ScrapingPrometheus {
  baseUrl: string;
  /** Instant query at `time` (epoch seconds); the first result's value, 0 without one. */
  scalar(query: string, time: number): Promise<number>;
  stop(): Promise<void>;
}

/** A real Prometheus scraping `target` as job `job` every `scrapeSeconds`. */
export async function startScrapingPrometheus(
  target: string,
  job: string,
  scrapeSeconds: number,
): Promise<ScrapingPrometheus> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-live-prometheus-'));
  const config = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(
    config,
    JSON.stringify({
      global: {
        scrape_interval: `${scrapeSeconds}s`,
        scrape_timeout: `${scrapeSeconds}s`,
      },
      scrape_configs: [
        { job_name: job, static_configs: [{ targets: [target] }] },
      ],
    }),
  );
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = fs.openSync(path.join(dir, 'prometheus.log'), 'a');
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise(r => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/-/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      const output = fs.readFileSync(path.join(dir, 'prometheus.log'), 'utf8');
      await stop();
      throw new Error(`prometheus did not start: ${output}`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
  return {
    baseUrl,
    async scalar(query, time) {
      const res = await fetch(`${baseUrl}/api/v1/query`, {
        method: 'POST',
        body: new URLSearchParams({ query, time: String(time) }),
      });
      const json = (await res.json()) as {
        data: { result: Array<{ value: [number, string] }> };
      };
      return Number(json.data.result[0]?.value[1] ?? 0);
    },
    stop,
  };
}
