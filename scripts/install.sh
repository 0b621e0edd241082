#!/usr/bin/env bash
# Installs the project's packages exactly as locked. Safe to re-run: a warm install takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
yarn install --immutable
