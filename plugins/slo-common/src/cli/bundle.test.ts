import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The bundled CLI a platform team can hand out (one file, no node_modules), run on the spec each
// golden-path skeleton ships. The golden-path workflow's own step asks the portal instead; that
// step is run against the booted production backend in e2e-tests (securityApiToken.test.ts).
const REPO = path.resolve(__dirname, '../../../..');
const SKELETONS = path.join(REPO, 'templates/skeletons');
const BUILD = path.resolve(__dirname, '../../scripts/build-cli.js');

const VALUES: Record<string, string> = {
  name: 'checkout-api',
  team: 'payments',
  namespace: 'payments',
  availabilityObjective: '99.9',
  latencyThresholdMs: '300',
  image: 'registry.portal.io/payments/checkout-api',
  workloadKind: 'deployment',
};

/** Fills `${{ values.x }}` as the scaffolder's fetch:template does, and drops raw markers. */
function render(text: string): string {
  return text
    .replace(/\{%-?\s*(end)?raw\s*-?%\}/g, '')
    .replace(/\$\{\{\s*values\.(\w+)\s*\}\}/g, (_, key: string) => {
      if (!(key in VALUES)) throw new Error(`no sample value for ${key}`);
      return VALUES[key];
    });
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function bash(script: string, cwd: string, env: Record<string, string>) {
  return new Promise<Run>(resolve =>
    execFile(
      'bash',
      ['-e', '-c', script],
      { cwd, env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    ),
  );
}

const skeletonsWithSpecs = fs
  .readdirSync(SKELETONS)
  .filter(d => fs.existsSync(path.join(SKELETONS, d, 'slo.yaml')));

let tmp: string;
let bundle: string;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-slo-bundle-'));
  bundle = path.join(tmp, 'published/portal-slo.cjs');
  // A process of its own, as `yarn build:cli` runs it (esbuild refuses Jest's sandbox).
  await new Promise<void>((resolve, reject) =>
    execFile(process.execPath, [BUILD, bundle], error =>
      error ? reject(error) : resolve(),
    ),
  );
}, 120_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function generatedRepo(name: string, slo: string): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'slo.yaml'), slo);
  return dir;
}

describe('the bundled portal-slo CLI', () => {
  it('covers every skeleton that ships an SLO spec', () => {
    expect(skeletonsWithSpecs).toEqual(['cron-job', 'http-api', 'worker']);
  });

  it.each(skeletonsWithSpecs)(
    'passes on the spec a generated %s repository starts with',
    async skeleton => {
      const dir = generatedRepo(
        skeleton,
        render(
          fs.readFileSync(path.join(SKELETONS, skeleton, 'slo.yaml'), 'utf8'),
        ),
      );
      const result = await bash(`node "${bundle}" validate slo.yaml`, dir, {});
      expect(result.stderr).toMatch(
        /1 of 1 file\(s\) read, [12] SLO\(s\) valid, 0 error\(s\)/,
      );
      expect(result.code).toBe(0);
      expect(fs.existsSync(path.join(dir, 'node_modules'))).toBe(false);
    },
    60_000,
  );

  it('exits 1 on a broken spec, naming the field', async () => {
    const dir = generatedRepo(
      'broken',
      render(
        fs.readFileSync(path.join(SKELETONS, 'http-api/slo.yaml'), 'utf8'),
      ).replace('objective: 99.9', 'objective: 199.9'),
    );
    const result = await bash(`node "${bundle}" validate slo.yaml`, dir, {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'error: slo.yaml: slos[0].objective: must be a number between 0 and 100',
    );
  }, 60_000);
});
