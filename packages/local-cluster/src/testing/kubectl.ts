/**
 * Helpers for the kubectl conformance suites: one local cluster per test file,
 * the system kubectl with an isolated HOME/KUBECONFIG/cache, and a way to run a
 * long-lived `kubectl get -w` and read its lines as they arrive.
 */
import { ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalCluster } from '../index';
import { startTestCluster } from './harness';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface KubectlSession {
  cluster: LocalCluster;
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Runs kubectl; resolves with its output and exit code, whatever the code. */
  run(
    args: string[],
    opts?: { stdin?: string; env?: NodeJS.ProcessEnv },
  ): Promise<KubectlResult>;
  /** Runs kubectl and rejects (with stderr in the message) unless it exits 0. */
  ok(...args: string[]): Promise<string>;
  /** Runs kubectl with a manifest on stdin (`-f -`) and rejects unless it exits 0. */
  withInput(stdin: string, ...args: string[]): Promise<string>;
  /** Writes an executable script into the session folder and returns its path. */
  script(name: string, body: string): string;
  close(): Promise<void>;
}

/** Every request gets a deadline so a hanging server fails the test instead of CI. */
const REQUEST_TIMEOUT = '--request-timeout=15s';

export function kubectlVersion(): string | undefined {
  const r = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : undefined;
}

export async function startKubectlSession(): Promise<KubectlSession> {
  if (!kubectlVersion()) {
    throw new Error(
      'kubectl is not installed or not on PATH; the conformance suite drives the real binary.',
    );
  }
  const cluster = await startTestCluster({ readinessDelayMs: 100 });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'local-cluster-conformance-'));
  writeFileSync(path.join(dir, 'kubeconfig'), cluster.kubeconfig(), {
    mode: 0o600,
  });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    KUBECONFIG: path.join(dir, 'kubeconfig'),
    KUBECACHEDIR: path.join(dir, 'cache'),
  };
  const run: KubectlSession['run'] = (args, opts = {}) =>
    new Promise(resolve => {
      const child = execFile(
        'kubectl',
        [REQUEST_TIMEOUT, ...args],
        {
          env: { ...env, ...opts.env },
          timeout: 40000,
          maxBuffer: 32 * 1024 * 1024,
        },
        (err, stdout, stderr) => {
          const code = err ? Number((err as any).code ?? 1) || 1 : 0;
          resolve({ code, stdout, stderr });
        },
      );
      if (opts.stdin !== undefined) child.stdin!.end(opts.stdin);
      else child.stdin!.end();
    });
  const check = async (args: string[], stdin?: string) => {
    const r = await run(args, { stdin });
    if (r.code !== 0) {
      throw new Error(
        `kubectl ${args.join(' ')} failed (exit ${r.code}):\n${r.stderr}\n${
          r.stdout
        }`,
      );
    }
    return r.stdout;
  };
  return {
    cluster,
    dir,
    env,
    run,
    ok: (...args) => check(args),
    withInput: (stdin, ...args) => check(args, stdin),
    script(name, body) {
      const file = path.join(dir, name);
      writeFileSync(file, body);
      chmodSync(file, 0o755);
      return file;
    },
    async close() {
      await cluster.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A running `kubectl get -w`: lines so far, and a wait for the next matching one. */
export interface Watcher {
  lines(): string[];
  next(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): void;
}

export function startWatch(session: KubectlSession, args: string[]): Watcher {
  const child: ChildProcess = spawn('kubectl', [REQUEST_TIMEOUT, ...args], {
    env: session.env,
  });
  let buffer = '';
  let stderr = '';
  let consumed = 0;
  let exited: number | null | undefined;
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach(w => w());
  child.stdout!.on('data', d => {
    buffer += d;
    wake();
  });
  child.stderr!.on('data', d => (stderr += d));
  child.on('exit', code => {
    exited = code;
    wake();
  });
  const complete = () => buffer.split('\n').slice(0, -1);
  return {
    lines: complete,
    next(pattern, timeoutMs = 15000) {
      return new Promise((resolve, reject) => {
        const deadline: { timer?: NodeJS.Timeout } = {};
        const waiter = () => {
          const all = complete();
          let found: string | undefined;
          for (let i = consumed; i < all.length && found === undefined; i++) {
            if (pattern.test(all[i])) {
              consumed = i + 1;
              found = all[i];
            }
          }
          if (found === undefined && exited === undefined) return;
          clearTimeout(deadline.timer);
          waiters.delete(waiter);
          if (found !== undefined) resolve(found);
          else
            reject(
              new Error(
                `kubectl ${args.join(
                  ' ',
                )} exited (${exited}) before a line matched ${pattern}:\n${buffer}\n${stderr}`,
              ),
            );
        };
        deadline.timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `no line matching ${pattern} within ${timeoutMs}ms:\n${buffer}\n${stderr}`,
            ),
          );
        }, timeoutMs);
        waiters.add(waiter);
        waiter();
      });
    },
    stop() {
      child.kill();
    },
  };
}

/**
 * Registers each conformance command as a test. Commands listed in `pending`
 * (known not to work yet, with the reason) run as `test.failing`: the suite
 * stays green while they fail and turns red as soon as one works, so it must
 * then leave the table. `test` is jest's `it`, passed in by the test file.
 */
export function conformance(
  pending: Record<string, string>,
  test: jest.It,
): (name: string, fn: () => Promise<void>, timeoutMs?: number) => void {
  return (name, fn, timeoutMs) => {
    const why = pending[name];
    const register = why ? test.failing : test;
    register(why ? `${name} (pending: ${why})` : name, fn, timeoutMs);
  };
}
