import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileSet } from './render';

/** What running a rendered service's own tests gave. */
export interface ServiceTestResult {
  /** `none`: the render has no package.json with a test script (a database, a queue…). */
  status: 'passed' | 'failed' | 'none';
  /** The last lines of npm's output, to show why it failed. */
  output: string;
  durationMs: number;
}

function run(cmd: string, args: string[], cwd: string, timeoutMs: number) {
  return new Promise<{ code: number; output: string }>(resolve => {
    execFile(
      cmd,
      args,
      {
        cwd,
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, CI: 'true', NODE_ENV: 'test' },
      },
      (error, stdout, stderr) => {
        let code = 0;
        if (error) code = typeof error.code === 'number' ? error.code : 1;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

function tail(text: string, lines = 30) {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Writes a render to a temporary folder and runs what its README tells a team to run:
 * `npm ci`, then `npm test`. The dependencies come from the npm registry the machine uses.
 */
export async function runServiceTests(
  files: FileSet,
  options: { timeoutMs?: number } = {},
): Promise<ServiceTestResult> {
  const started = Date.now();
  const pkg = files.get('package.json');
  if (!pkg || !JSON.parse(pkg)?.scripts?.test) {
    return { status: 'none', output: '', durationMs: 0 };
  }
  const dir = await fs.promises.mkdtemp(
    path.join(os.tmpdir(), 'golden-path-check-'),
  );
  const timeoutMs = options.timeoutMs ?? 300_000;
  try {
    for (const [file, content] of files) {
      const target = path.join(dir, file);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.writeFile(target, content);
    }
    const install = await run(
      'npm',
      ['ci', '--no-audit', '--no-fund'],
      dir,
      timeoutMs,
    );
    if (install.code !== 0) {
      return {
        status: 'failed',
        output: `npm ci failed:\n${tail(install.output)}`,
        durationMs: Date.now() - started,
      };
    }
    const test = await run('npm', ['test'], dir, timeoutMs);
    return {
      status: test.code === 0 ? 'passed' : 'failed',
      output: tail(test.output),
      durationMs: Date.now() - started,
    };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
