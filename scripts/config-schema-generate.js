#!/usr/bin/env node
/*
 * Compiles each plugin's config.d.ts into the config.schema.json its package.json names as
 * `configSchema`, as `backstage-cli package prepack` does when it publishes a package.
 *
 * A `configSchema` that names a .d.ts makes every backend start (the dev entry included) load
 * TypeScript and compile the declarations: two copies of the compiler (21 MB of source in the
 * heap), a whole program with its lib files, and seconds of CPU before the backend is ready. The
 * JSON is what a built backend reads; config.d.ts stays the source (its types are what the
 * plugins' code and docs name).
 *
 *   node scripts/config-schema-generate.js          regenerate
 *   node scripts/config-schema-generate.js --check  fail if any config.schema.json is out of date
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { loadConfigSchema } = require('@backstage/config-loader');

const root = path.resolve(__dirname, '..');
const check = process.argv.includes('--check');
const SOURCE = 'config.d.ts';
const TARGET = 'config.schema.json';

async function main() {
  const plugins = fs
    .readdirSync(path.join(root, 'plugins'))
    .map(name => path.join(root, 'plugins', name))
    .filter(dir => fs.existsSync(path.join(dir, SOURCE)));
  // The loader compiles what a package.json's configSchema names: a stand-in package.json per
  // plugin names its config.d.ts, so the plugins' own package.json can name the JSON.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'config-schema-'));
  const packagePaths = plugins.map(dir => {
    const { name, version } = JSON.parse(
      fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
    );
    const file = path.join(tmp, `${path.basename(dir)}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify({ name, version, configSchema: path.join(dir, SOURCE) }),
    );
    return file;
  });
  let serialized;
  try {
    const schema = await loadConfigSchema({
      dependencies: [],
      packagePaths,
      excludePackageDependencies: true,
    });
    serialized = schema.serialize();
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  let stale = 0;
  for (const dir of plugins) {
    const pkgPath = path.join(dir, 'package.json');
    const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
    const entry = serialized.schemas.find(s => s.packageName === pkg.name);
    if (!entry) throw new Error(`${pkg.name}: ${SOURCE} compiled to nothing`);
    const text = `${JSON.stringify(entry.value, null, 2)}\n`;
    const target = path.join(dir, TARGET);
    const rel = path.relative(root, target);
    const current = fs.existsSync(target)
      ? fs.readFileSync(target, 'utf8')
      : '';
    const named =
      pkg.configSchema === TARGET && (pkg.files ?? []).includes(TARGET);
    if (current === text && named) continue;
    if (check) {
      console.error(
        current === text
          ? `${path.relative(
              root,
              pkgPath,
            )}: configSchema must be ${TARGET}, listed in files`
          : `${rel} is out of date with ${SOURCE}`,
      );
      stale++;
      continue;
    }
    fs.writeFileSync(target, text);
    pkg.configSchema = TARGET;
    pkg.files = [...new Set([...(pkg.files ?? []), SOURCE, TARGET])];
    fs.writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
    console.log(`wrote ${rel}`);
  }
  if (stale) {
    console.error(
      `${stale} config schema(s) out of date: run node scripts/config-schema-generate.js`,
    );
    process.exit(1);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
