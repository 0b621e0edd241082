#!/usr/bin/env node
// Bundles portal-slo with its dependencies into one CommonJS file that runs on a plain Node.js
// (18 or later) without node_modules: what a generated service repository's CI downloads.
const path = require('node:path');
const esbuild = require('esbuild');

const DEFAULT_OUTFILE = path.resolve(__dirname, '../dist/portal-slo.cjs');

async function buildCli(outfile = DEFAULT_OUTFILE) {
  await esbuild.build({
    entryPoints: [path.resolve(__dirname, '../src/cli/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    legalComments: 'eof',
    logLevel: 'warning',
  });
  return outfile;
}

module.exports = { buildCli };

if (require.main === module) {
  buildCli(process.argv[2] && path.resolve(process.argv[2])).then(
    file => process.stdout.write(`wrote ${file}\n`),
    error => {
      process.stderr.write(`${error.stack || error}\n`);
      process.exitCode = 1;
    },
  );
}
