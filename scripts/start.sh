#!/usr/bin/env bash
# Command 1: the portal with demo data on a laptop. Frontend on http://localhost:3000, backend on
# :7007, SQLite files under .data/, and the local Kubernetes API (a dev stand-in) on :6550 loaded
# with the demo workloads from deploy/demo-cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
source scripts/toolchain.sh

mkdir -p .data
# The admin token (cluster-admin) is for kubectl, through the kubeconfig written below. The portal
# reads and writes as its own least-privilege service accounts (deploy/rbac), whose tokens come
# from packages/local-cluster/dev/identities.yaml and are set in app-config.yaml.
export LOCAL_CLUSTER_TOKEN="${LOCAL_CLUSTER_TOKEN:-local-cluster-dev-token}"
yarn workspace @internal/local-cluster start --kubeconfig "$PWD/.data/local-cluster.kubeconfig" \
  > .data/local-cluster.log 2>&1 &
cluster_pid=$!
trap 'kill $cluster_pid 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 120); do
  grep -q 'listening on' .data/local-cluster.log 2>/dev/null && break
  kill -0 $cluster_pid 2>/dev/null || { cat .data/local-cluster.log >&2; exit 1; }
  sleep 0.5
done
echo "local cluster up: KUBECONFIG=$PWD/.data/local-cluster.kubeconfig kubectl get pods -A"
echo "  the portal's identities: kubectl --context portal-reader auth can-i --list (or portal-applier)"

# The backend's own request metrics (Prometheus, http://127.0.0.1:9464/metrics), which the portal's
# SLOs (catalog/slos/portal.yaml) are computed from; PORTAL_METRICS_PORT= (empty) turns them off.
export PORTAL_METRICS_PORT="${PORTAL_METRICS_PORT-9464}"
yarn start
