/*
 * yarn golden-paths:check [template…] [--templates <folder>] [--current] [--skip-tests] [--json <file>]
 *
 * The check a template change must pass (run it after a version bump, before merging): every
 * kept version of each template (or only the current one with --current) is rendered with sample
 * answers, its manifests are judged by the platform's conformance checks, the rendered service
 * runs its own tests (npm ci && npm test; --skip-tests leaves them out), and a service freshly
 * created from the previous version is upgraded to it. Prints one row per template version and
 * exits 1 when any version fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkTemplates, formatCheckReport } from './checkTemplates';
import { TemplateVersions } from './versions';

async function main(argv: string[]) {
  const names: string[] = [];
  let root = 'templates';
  let json: string | undefined;
  let runTests = true;
  let onlyCurrent = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--templates') root = argv[++i];
    else if (arg === '--json') json = argv[++i];
    else if (arg === '--skip-tests') runTests = false;
    else if (arg === '--current') onlyCurrent = true;
    else if (arg.startsWith('--')) {
      process.stderr.write(`unknown option ${arg}\n`);
      return 2;
    } else names.push(arg);
  }
  const versions = new TemplateVersions(path.resolve(root));
  const unknown = names.filter(n => !versions.current(n));
  if (unknown.length > 0) {
    process.stderr.write(`no template ${unknown.join(', ')} in ${root}\n`);
    return 2;
  }
  const checks = await checkTemplates(versions, {
    names: names.length > 0 ? names : undefined,
    runTests,
    onlyCurrent,
  });
  process.stdout.write(`${formatCheckReport(checks)}\n`);
  if (json) fs.writeFileSync(json, `${JSON.stringify(checks, null, 2)}\n`);
  return checks.every(c => c.ok) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  code => process.exit(code),
  e => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(2);
  },
);
