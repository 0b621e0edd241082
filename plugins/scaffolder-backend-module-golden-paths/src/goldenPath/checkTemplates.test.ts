import fs from 'node:fs';
import path from 'node:path';
import {
  checkTemplates,
  checkTemplateVersion,
  formatCheckReport,
} from './checkTemplates';
import { tempDir } from './testFixtures';
import { snapshotTemplateVersion, TemplateVersions } from './versions';

// The real golden paths, copied so that a test can publish a version of its own. The service
// tests run npm ci against the registry the machine uses, as a team would.
jest.setTimeout(300_000);

const repoTemplates = path.resolve(__dirname, '../../../../templates');

describe('the template-change check', () => {
  let root: string;
  let versions: TemplateVersions;

  beforeEach(() => {
    root = tempDir('gp-check-');
    fs.cpSync(repoTemplates, root, { recursive: true });
    fs.rmSync(path.join(root, 'versions'), { recursive: true, force: true });
    versions = new TemplateVersions(root);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function edit(file: string, from: string, to: string) {
    const p = path.join(root, file);
    const text = fs.readFileSync(p, 'utf8');
    expect(text).toContain(from);
    fs.writeFileSync(p, text.replace(from, to));
  }

  it('passes http-api as it is: it renders, its deployment conforms, its own tests pass', async () => {
    const check = await checkTemplateVersion(versions, 'http-api', '1.0.0');
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.files).toBeGreaterThan(15);
    expect(check.conformance).toEqual([
      {
        workload: 'Deployment sample-svc (kubernetes/deployment.yaml)',
        failed: [],
      },
    ]);
    expect(check.tests.status).toBe('passed');
    expect(check.tests.output).toMatch(/# fail 0/);
    expect(check.upgradeFrom).toBeUndefined();
  });

  it('fails a bump that breaks conformance and the service tests, naming both; the upgrade from the kept version is clean', async () => {
    snapshotTemplateVersion(root, 'http-api');
    edit(
      'http-api.yaml',
      'portal.io/template-version: 1.0.0',
      'portal.io/template-version: 1.1.0',
    );
    // Two mistakes a template change can make: a privileged container, a probe path the
    // service's tests expect.
    edit(
      'skeletons/http-api/kubernetes/deployment.yaml',
      '            allowPrivilegeEscalation: false\n',
      '            allowPrivilegeEscalation: false\n            privileged: true\n',
    );
    edit(
      'skeletons/node-service/src/probes.ts',
      "if (path === '/healthz') {",
      "if (path === '/health') {",
    );
    const check = await checkTemplateVersion(versions, 'http-api', '1.1.0');
    expect(check.ok).toBe(false);
    expect(check.conformance[0].failed.map(f => f.checkId)).toEqual([
      'no-privileged',
    ]);
    expect(check.tests.status).toBe('failed');
    expect(check.upgradeFrom).toEqual({
      version: '1.0.0',
      conflicts: [],
      differing: [],
    });
    expect(check.problems).toHaveLength(2);
    expect(check.problems[0]).toBe(
      'conformance: Deployment sample-svc (kubernetes/deployment.yaml) fails no-privileged (critical): app: spec.template.spec.containers[0].securityContext.privileged: Container "app" runs privileged.',
    );
    expect(check.problems[1]).toMatch(/^tests: /);

    // Per template version: the kept 1.0.0 still passes, 1.1.0 does not.
    const checks = await checkTemplates(versions, {
      names: ['http-api'],
      runTests: false,
    });
    expect(checks.map(c => [c.version, c.ok])).toEqual([
      ['1.0.0', true],
      ['1.1.0', false],
    ]);
    const report = formatCheckReport(checks);
    expect(report).toContain(
      '| http-api | 1.0.0 | ok | 21 | 1 workload(s), 0 failed check(s) | — | — |',
    );
    expect(report).toContain(
      '| http-api | 1.1.0 | FAILED | 21 | 1 workload(s), 1 failed check(s) | — | from 1.0.0: clean |',
    );
    expect(report).toContain('- http-api 1.1.0: conformance: Deployment');
  });

  it('reports rendered manifests that are not YAML, and an operator resource as no workloads', async () => {
    // The standalone Redis, which the sample (no high availability) renders.
    edit(
      'skeletons/redis-cache/kubernetes/redis.yaml',
      'kind: Redis\n',
      'kind: [Redis\n',
    );
    const [broken] = await checkTemplates(versions, {
      names: ['redis-cache'],
      runTests: false,
    });
    expect(broken.ok).toBe(false);
    expect(broken.problems[0]).toMatch(
      /^conformance: kubernetes\/redis\.yaml: not YAML/,
    );
    const [queue] = await checkTemplates(versions, {
      names: ['message-queue'],
    });
    expect(queue).toMatchObject({
      ok: true,
      conformance: [],
      tests: { status: 'none' },
    });
  });
});
