#!/usr/bin/env bash
# System packages the tests drive as real peers: Chromium (browser test), kubectl (local cluster
# wire tests), Prometheus with promtool (SLO collector and rules tests), jq and curl (workflow
# steps). Installed from Debian when missing; nothing is downloaded from elsewhere.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v kubectl >/dev/null 2>&1 || need+=(kubectl)
# The golden-path workflow's steps (run by the tests as a runner runs them) use jq and curl.
command -v jq >/dev/null 2>&1 || need+=(jq)
command -v curl >/dev/null 2>&1 || need+=(curl)
# Debian's prometheus package ships both the server and promtool.
{ command -v prometheus && command -v promtool; } >/dev/null 2>&1 || need+=(prometheus)
[ ${#need[@]} -eq 0 ] && exit 0

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "system-deps: installing ${need[*]}" >&2
"${as_root[@]}" apt-get update -qq
for pkg in "${need[@]}"; do
  if [ "$pkg" = kubectl ]; then
    # Debian names the client kubernetes-client; some images carry a newer `kubectl` package.
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq kubectl >&2 ||
      DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq kubernetes-client >&2
  else
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "$pkg" >&2
  fi
done
