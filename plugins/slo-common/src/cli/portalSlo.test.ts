import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

// The real bin, spawned as CI runs it; promtool is the check Prometheus runs on rule_files.
const BIN = path.resolve(__dirname, '../../bin/portal-slo');
const REPO = path.resolve(__dirname, '../../../..');
const CATALOG_SPECS = fs
  .readdirSync(path.join(REPO, 'catalog/slos'))
  .map(f => path.join(REPO, 'catalog/slos', f));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  return new Promise(resolve => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: options.cwd ?? REPO,
        env: { PATH: process.env.PATH ?? '', ...options.env },
      },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number(error.code) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-slo-'));
  fs.writeFileSync(
    path.join(dir, 'broken.yaml'),
    `service: checkout
slos:
  - name: ok
    objective: 99.9
    indicator:
      type: availability
      good_events: http_requests_total{job="checkout",code!~"5.."}
      total_events: http_requests_total{job="checkout"}
  - name: typo
    objective: 99.9
    indicator:
      type: availability
      bad_events: sum(rate(http_requests_total{code=~"5.."}[5m])
      total_events: sum(rate(http_requests_total[5m]))
---
slos: [not closed
---
version: prometheus/v1
service: checkout
slos:
  - name: gauge
    objective: 99
    sli:
      events:
        error_query: sum(errors_in_flight)
        total_query: sum(requests_in_flight)
`,
  );
  fs.writeFileSync(
    path.join(dir, 'counters.yaml'),
    `service: checkout-service
slos:
  - name: requests-availability
    objective: 99.9
    indicator:
      type: availability
      good_events: http_requests_total{job="checkout-service",code!~"5.."}
      total_events: http_requests_total{job="checkout-service"}
  - name: requests-latency
    objective: 99
    indicator:
      type: latency
      metric: http_request_duration_seconds
      threshold_ms: 250
`,
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('portal-slo validate', () => {
  it('accepts the catalog specs and lists their SLOs', async () => {
    const result = await run(['validate', ...CATALOG_SPECS]);
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^ok {2}\S+/gm)).toEqual([
      'ok  notification-service/delivery-availability',
      'ok  order-service/order-availability',
      'ok  payment-service/requests-availability',
      'ok  payment-service/requests-latency',
      'ok  portal/requests-availability',
      'ok  portal/requests-latency',
      'ok  user-service/api-availability',
      'ok  user-service/api-latency',
    ]);
    expect(result.stderr).toBe(
      '5 of 5 file(s) read, 8 SLO(s) valid, 0 error(s)\n',
    );
  }, 60_000);

  it('reads the YAML files of a directory argument', async () => {
    const result = await run(['validate', 'catalog/slos']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('in catalog/slos/payment-service.yaml');
    expect(result.stderr).toBe(
      '5 of 5 file(s) read, 8 SLO(s) valid, 0 error(s)\n',
    );
  }, 60_000);

  it('names file, document and field of every error and exits 1, keeping the valid SLOs', async () => {
    const result = await run(['validate', 'broken.yaml', 'missing.yaml'], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^ok {2}checkout\/ok {2}99\.9% over rolling 30d \(plain, availability\) in broken\.yaml$/m,
    );
    expect(result.stderr.split('\n')).toEqual([
      'error: missing.yaml: cannot read the file (ENOENT)',
      expect.stringMatching(
        /^error: broken\.yaml \(document 2\): invalid YAML at line 17: /,
      ),
      'error: broken.yaml (document 1): slos[1].indicator.bad_events: invalid PromQL: unexpected end of expression at line 1, column 47',
      // The reason is the collector's (windowedQueries): only its subject is asserted here.
      expect.stringMatching(
        /^error: broken\.yaml: SLO "gauge" cannot be collected: .*sum\((errors|requests)_in_flight\)/,
      ),
      '1 of 2 file(s) read, 1 SLO(s) valid, 4 error(s)',
      '',
    ]);
  }, 60_000);

  it('annotates errors for GitHub Actions', async () => {
    const result = await run(['validate', 'broken.yaml'], {
      cwd: dir,
      env: { GITHUB_ACTIONS: 'true' },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '::error file=broken.yaml,title=SLO spec::broken.yaml (document 1): slos[1].indicator.bad_events: invalid PromQL',
    );
  }, 60_000);

  it('prints generated rules that promtool accepts with --rules', async () => {
    const sloth = path.join(__dirname, '../parsers/__fixtures__/sloth');
    const result = await run([
      'validate',
      '--rules',
      ...CATALOG_SPECS,
      path.join(sloth, 'kubernetes-apiserver.yml'),
      path.join(sloth, 'multifile.yml'),
      path.join(dir, 'counters.yaml'),
    ]);
    expect(result.stderr).toMatch(/14 SLO\(s\) valid, 0 error\(s\)\n$/);
    expect(result.code).toBe(0);
    const rules = parse(result.stdout) as {
      groups: Array<{ rules: unknown[] }>;
    };
    const count = rules.groups.reduce((n, g) => n + g.rules.length, 0);
    // 14 SLOs × (8 SLI windows + 6 meta recordings + page and ticket alerts)
    expect(count).toBe(14 * 16);
    // The latency histogram is read for its own service only.
    expect(result.stdout).toContain(
      'http_request_duration_seconds_bucket{service="checkout-service",le="0.25"}',
    );

    const file = path.join(dir, 'rules.yaml');
    fs.writeFileSync(file, result.stdout);
    const check = await new Promise<Run>(resolve =>
      execFile('promtool', ['check', 'rules', file], (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      ),
    );
    expect(check.stdout).toContain(`SUCCESS: ${count} rules found`);
    expect(check.code).toBe(0);
  }, 60_000);

  it.each([
    [[], 'portal-slo: no command given'],
    [['check', 'a.yaml'], 'portal-slo: unknown command "check"'],
    [['validate'], 'portal-slo: no spec files given'],
    [
      ['validate', '--strict', 'a.yaml'],
      'portal-slo: unknown option "--strict"',
    ],
  ])(
    'refuses %j with exit 2',
    async (args, message) => {
      const result = await run(args);
      expect(result.code).toBe(2);
      expect(result.stderr.split('\n')[0]).toBe(message);
    },
    60_000,
  );
});
