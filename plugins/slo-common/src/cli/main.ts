import { runPortalSlo } from './portalSlo';

// The process entry of both the bin (from source) and the bundled portal-slo.cjs.
runPortalSlo(process.argv.slice(2), {
  // Yarn runs scripts from the workspace root; INIT_CWD is where the command was typed.
  cwd: process.env.INIT_CWD || process.cwd(),
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
  githubActions: process.env.GITHUB_ACTIONS === 'true',
}).then(
  code => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(`portal-slo: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 2;
  },
);
