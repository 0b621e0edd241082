#!/usr/bin/env bash
# Command 2: every test, on a fresh machine. Installs what it needs, then runs the type check, the
# unit and integration tests (real SQLite files and the PostgreSQL server from the environment), the
# golden-path template check, the production build, and the browser test in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI=true

started=$SECONDS
step() { printf '\n== %s (%ss elapsed)\n' "$*" "$((SECONDS - started))"; }

step "toolchain and packages"
scripts/install.sh
source scripts/toolchain.sh
scripts/system-deps.sh

step "PostgreSQL"
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
# No Docker here: the other engines Backstage's test utils know would try to start containers.
export BACKSTAGE_TEST_DISABLE_DOCKER=1
node -e "
  const { Client } = require('pg');
  const c = new Client({ connectionString: process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING });
  c.connect().then(() => c.query('select version()')).then(r => { console.log(r.rows[0].version); return c.end(); })
   .catch(e => { console.error('PostgreSQL is not reachable at', process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, '-', e.message); process.exit(1); });
"

step "type check, lint, formatting, generated routers and config schemas"
yarn tsc
yarn backstage-cli repo lint
yarn prettier --check . > /dev/null
node scripts/openapi-generate.js --check
node scripts/config-schema-generate.js --check

step "unit and integration tests"
yarn test

step "golden-path templates: render, conformance, the generated services' own tests, upgrades"
yarn golden-paths:check --current

step "production build (backend bundle and app)"
yarn build:all

step "browser test (Chromium)"
yarn test:e2e

step "all tests passed"
