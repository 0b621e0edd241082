import type { JsonAnswers } from './record';
import { FileSet, renderTemplateVersion } from './render';
import {
  renderedConformance,
  WorkloadConformance,
} from './renderedConformance';
import { runServiceTests, ServiceTestResult } from './serviceTests';
import { answersFor, planUpgrade } from './upgrade';
import { TemplateVersion, TemplateVersions } from './versions';

/**
 * Answers a new user would give every golden path (each template reads the ones it asks; the
 * rest of its questions take their form defaults).
 */
export const SAMPLE_ANSWERS: JsonAnswers = {
  name: 'sample-svc',
  description: 'A sample service the template check renders.',
  owner: 'group:default/payments',
  system: 'system:default/payment-platform',
  dependencyOf: 'component:default/payment-service',
};

/** The check of one template version. */
export interface TemplateVersionCheck {
  template: string;
  version: string;
  /** Whether every part below passed. */
  ok: boolean;
  /** What failed, one line each; empty when ok. */
  problems: string[];
  /** Number of files rendered (0 when the render failed). */
  files: number;
  conformance: WorkloadConformance[];
  tests: ServiceTestResult;
  /** Upgrade of a fresh service from the previous kept version, when there is one. */
  upgradeFrom?: { version: string; conflicts: string[]; differing: string[] };
}

export interface CheckOptions {
  answers?: JsonAnswers;
  /** false skips `npm ci && npm test` of the render (a quick check). */
  runTests?: boolean;
}

/** Files whose content differs between two renders (either side missing counts). */
function differingFiles(a: FileSet, b: FileSet): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter(f => a.get(f) !== b.get(f)).sort();
}

async function checkUpgrade(
  versions: TemplateVersions,
  previous: TemplateVersion,
  target: TemplateVersion,
  template: string,
  sample: JsonAnswers,
) {
  // A service freshly created from the previous version: the form filled its defaults.
  const created = answersFor(previous, sample);
  const fresh = await renderTemplateVersion(previous, {
    template,
    answers: created,
  });
  const plan = await planUpgrade(versions, fresh, {
    toVersion: target.version,
    answers: sample,
  });
  const expected = await renderTemplateVersion(target, {
    template,
    answers: answersFor(target, created, sample),
  });
  return {
    version: previous.version,
    conflicts: plan.conflicts,
    differing: differingFiles(plan.files, expected),
  };
}

/**
 * Checks one template version as a change to it must pass before it is published: it renders
 * with sample answers, its rendered manifests pass the platform's conformance checks, the
 * rendered service passes its own tests, and a service freshly created from the previous kept
 * version upgrades to it without conflicts, into what a fresh render of it would be.
 */
export async function checkTemplateVersion(
  versions: TemplateVersions,
  name: string,
  version: string,
  options: CheckOptions = {},
): Promise<TemplateVersionCheck> {
  const template = `template:default/${name}`;
  const sample = options.answers ?? SAMPLE_ANSWERS;
  const result: TemplateVersionCheck = {
    template,
    version,
    ok: false,
    problems: [],
    files: 0,
    conformance: [],
    tests: { status: 'none', output: '', durationMs: 0 },
  };
  const all = versions.list(name);
  const index = all.findIndex(v => v.version === version);
  const target = versions.get(name, version);
  let files: FileSet;
  try {
    files = await renderTemplateVersion(target, {
      template,
      answers: answersFor(target, sample),
    });
  } catch (e) {
    result.problems.push(`render: ${(e as Error).message}`);
    return result;
  }
  result.files = files.size;
  const unrendered = [...files]
    .filter(([, content]) => /\$\{\{\s*(values|parameters)\./.test(content))
    .map(([file]) => file);
  if (unrendered.length > 0) {
    result.problems.push(
      `render: values left unrendered in ${unrendered.join(', ')}`,
    );
  }
  try {
    result.conformance = renderedConformance(files);
  } catch (e) {
    result.problems.push(`conformance: ${(e as Error).message}`);
  }
  for (const w of result.conformance) {
    for (const f of w.failed) {
      result.problems.push(
        `conformance: ${w.workload} fails ${f.checkId} (${
          f.severity
        }): ${f.findings.join('; ')}`,
      );
    }
  }
  if (options.runTests !== false) {
    result.tests = await runServiceTests(files);
    if (result.tests.status === 'failed') {
      result.problems.push(
        `tests: ${result.tests.output.split('\n').slice(-5).join(' | ')}`,
      );
    }
  }
  if (index > 0) {
    try {
      result.upgradeFrom = await checkUpgrade(
        versions,
        all[index - 1],
        target,
        template,
        sample,
      );
      if (result.upgradeFrom.conflicts.length > 0) {
        result.problems.push(
          `upgrade from ${
            all[index - 1].version
          }: conflicts in ${result.upgradeFrom.conflicts.join(', ')}`,
        );
      }
      if (result.upgradeFrom.differing.length > 0) {
        result.problems.push(
          `upgrade from ${
            all[index - 1].version
          }: differs from a fresh render in ${result.upgradeFrom.differing.join(
            ', ',
          )}`,
        );
      }
    } catch (e) {
      result.problems.push(
        `upgrade from ${all[index - 1].version}: ${(e as Error).message}`,
      );
    }
  }
  result.ok = result.problems.length === 0;
  return result;
}

/** Every kept version of the named templates (default: all), oldest first per template. */
export async function checkTemplates(
  versions: TemplateVersions,
  options: CheckOptions & { names?: string[]; onlyCurrent?: boolean } = {},
): Promise<TemplateVersionCheck[]> {
  const results: TemplateVersionCheck[] = [];
  for (const name of options.names ?? versions.names().sort()) {
    const all = versions.list(name);
    const chosen = options.onlyCurrent ? all.slice(-1) : all;
    for (const v of chosen) {
      results.push(
        await checkTemplateVersion(versions, name, v.version, options),
      );
    }
  }
  return results;
}

/** The report as a Markdown table, one row per template version, then the problems. */
export function formatCheckReport(checks: TemplateVersionCheck[]): string {
  const rows = checks.map(c => {
    const failedChecks = c.conformance.reduce((n, w) => n + w.failed.length, 0);
    const conformance =
      c.conformance.length === 0
        ? 'no workloads'
        : `${c.conformance.length} workload(s), ${failedChecks} failed check(s)`;
    const tests =
      c.tests.status === 'none'
        ? '—'
        : `${c.tests.status} (${(c.tests.durationMs / 1000).toFixed(0)} s)`;
    const upgrade = c.upgradeFrom
      ? `from ${c.upgradeFrom.version}: ${
          c.upgradeFrom.conflicts.length + c.upgradeFrom.differing.length === 0
            ? 'clean'
            : 'not clean'
        }`
      : '—';
    return `| ${c.template.replace('template:default/', '')} | ${c.version} | ${
      c.ok ? 'ok' : 'FAILED'
    } | ${c.files} | ${conformance} | ${tests} | ${upgrade} |`;
  });
  const problems = checks.flatMap(c =>
    c.problems.map(
      p =>
        `- ${c.template.replace('template:default/', '')} ${c.version}: ${p}`,
    ),
  );
  return [
    '| Template | Version | Result | Files | Conformance | Service tests | Upgrade |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    ...(problems.length > 0 ? ['', 'Problems:', ...problems] : []),
  ].join('\n');
}
