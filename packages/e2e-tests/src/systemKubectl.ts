import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The system `kubectl` against a local cluster, as a developer runs it: with the cluster's own
 * kubeconfig in a file of its own (removed by `dispose`). Failures carry kubectl's stderr.
 */
export class SystemKubectl {
  readonly env: NodeJS.ProcessEnv;
  private readonly dir: string;

  constructor(kubeconfig: string) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-kubectl-'));
    const file = path.join(this.dir, 'kubeconfig');
    fs.writeFileSync(file, kubeconfig);
    this.env = { ...process.env, KUBECONFIG: file };
  }

  run(...args: string[]): Promise<string> {
    return new Promise<string>((resolve, reject) =>
      execFile(
        'kubectl',
        args,
        { env: this.env, timeout: 60_000 },
        (err, out, stderr) =>
          err
            ? reject(new Error(`kubectl ${args.join(' ')}: ${stderr}`))
            : resolve(out),
      ),
    );
  }

  dispose() {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
