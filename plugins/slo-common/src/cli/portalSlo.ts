import fs from 'node:fs/promises';
import path from 'node:path';
import { nominalWindowSeconds } from '../math/window';
import { formatDuration } from '../parsers/duration';
import { SloSpecProblem } from '../parsers/node';
import { SloSpecFile } from '../parsers/parseSloSpecs';
import { prometheusRulesYaml } from '../promql/prometheusRules';
import { Slo } from '../types';
import { validateSloSpecs } from '../validate/validateSloSpecs';

/** Where the CLI reads and writes; a test passes its own. */
export interface CliIo {
  /** Directory relative file arguments are resolved against. */
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Set under GitHub Actions: errors are also printed as workflow annotations. */
  githubActions?: boolean;
}

const USAGE = `Usage: portal-slo validate [--rules] [--service-label <label>] <file or directory>...

Checks SLO spec files as the portal reads them (Sloth sloth.slok.dev/v1 and prometheus/v1,
OpenSLO v1 and v1alpha, plain "slos:" lists): every document, field and PromQL expression.
Files are read together, so OpenSLO indicatorRefs resolve across them; a directory stands
for the .yaml and .yml files in it.

  --rules                 print the Prometheus rules the portal generates (a rules file) on stdout
  --service-label <label> label that scopes plain latency SLOs to their service (default: service)

Exit status: 0 when every file is valid, 1 when any has an error, 2 on a usage error.
`;

interface Options {
  rules: boolean;
  serviceLabel?: string;
  files: string[];
}

function parseArgs(args: string[]): Options | string {
  const [command, ...rest] = args;
  if (command !== 'validate') {
    return command ? `unknown command "${command}"` : 'no command given';
  }
  const options: Options = { rules: false, files: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--rules') {
      options.rules = true;
    } else if (arg === '--service-label') {
      const label = rest[++i];
      if (!label || !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(label)) {
        return '--service-label needs a Prometheus label name';
      }
      options.serviceLabel = label;
    } else if (arg.startsWith('-')) {
      return `unknown option "${arg}"`;
    } else {
      options.files.push(arg);
    }
  }
  return options.files.length > 0 ? options : 'no spec files given';
}

/** A directory argument stands for the YAML files in it and below it, in name order. */
async function expandDirectory(cwd: string, arg: string): Promise<string[]> {
  let entries: string[];
  try {
    if (!(await fs.stat(path.resolve(cwd, arg))).isDirectory()) return [arg];
    entries = (await fs.readdir(path.resolve(cwd, arg), {
      recursive: true,
    })) as string[];
  } catch {
    return [arg]; // reported when it is read
  }
  return entries
    .filter(e => /\.ya?ml$/.test(e))
    .sort()
    .map(e => path.join(arg, e));
}

function describe(slo: Slo): string {
  const window =
    slo.window.kind === 'rolling'
      ? `rolling ${formatDuration(nominalWindowSeconds(slo.window))}`
      : `calendar ${slo.window.unit}`;
  return `ok  ${slo.id}  ${slo.objectivePercent}% over ${window} (${slo.source.format}, ${slo.indicator.kind}) in ${slo.source.file}`;
}

// Workflow commands end at a newline and treat % specially.
function annotation(problem: SloSpecProblem): string {
  const escape = (s: string) =>
    s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return `::error file=${escape(problem.file)},title=SLO spec::${escape(
    problem.message,
  )}\n`;
}

/**
 * `portal-slo validate`: reads the files, prints one line per problem (file, document, field
 * and reason) and one per valid SLO, and returns the exit status.
 */
export async function runPortalSlo(args: string[], io: CliIo): Promise<number> {
  if (args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  const options = parseArgs(args);
  if (typeof options === 'string') {
    io.stderr(`portal-slo: ${options}\n\n${USAGE}`);
    return 2;
  }

  const problems: SloSpecProblem[] = [];
  const files: SloSpecFile[] = [];
  const paths = (
    await Promise.all(options.files.map(f => expandDirectory(io.cwd, f)))
  ).flat();
  for (const file of paths) {
    try {
      files.push({
        file,
        content: await fs.readFile(path.resolve(io.cwd, file), 'utf8'),
      });
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code ?? 'unreadable';
      problems.push({
        file,
        message: `${file}: cannot read the file (${reason})`,
      });
    }
  }
  const result = validateSloSpecs(files, {
    serviceLabel: options.serviceLabel,
  });
  problems.push(...result.problems);
  const { slos } = result;

  // With --rules stdout is the rules file, so everything else goes to stderr.
  const log = options.rules ? io.stderr : io.stdout;
  for (const slo of slos) log(`${describe(slo)}\n`);
  for (const problem of problems) {
    io.stderr(`error: ${problem.message}\n`);
    if (io.githubActions) io.stdout(annotation(problem));
  }
  if (options.rules) io.stdout(prometheusRulesYaml(slos));
  io.stderr(
    `${files.length} of ${paths.length} file(s) read, ${slos.length} SLO(s) valid, ${problems.length} error(s)\n`,
  );
  return problems.length > 0 ? 1 : 0;
}
