/**
 * CLI: `yarn workspace @internal/local-cluster start [--port N] [--host H] [--manifests DIR]
 * [--extra-manifests A,B] [--identities FILE] [--kubeconfig FILE]`.
 * Env: LOCAL_CLUSTER_PORT, LOCAL_CLUSTER_TOKEN, LOCAL_CLUSTER_MANIFESTS,
 * LOCAL_CLUSTER_EXTRA_MANIFESTS, LOCAL_CLUSTER_IDENTITIES,
 * LOCAL_CLUSTER_READINESS_DELAY_MS, LOCAL_CLUSTER_CRASHLOOP_INTERVAL_MS,
 * LOCAL_CLUSTER_KUBECONFIG (write a kubeconfig for kubectl there).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseIdentities } from './rbac';
import { startLocalCluster } from './index';

export const DEFAULT_PORT = 6550;
export const DEV_TOKEN = 'local-cluster-dev-token';
const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  manifests: { type: 'string' },
  'extra-manifests': { type: 'string' },
  identities: { type: 'string' },
  kubeconfig: { type: 'string' },
} as const;

/** The command-line flags; an unknown flag or one without its value is an error. */
export function readFlags(argv: string[]) {
  return parseArgs({ args: argv, options: FLAGS }).values;
}

async function main() {
  const flags = readFlags(process.argv.slice(2));
  const port = Number(
    flags.port ?? process.env.LOCAL_CLUSTER_PORT ?? DEFAULT_PORT,
  );
  const host = flags.host ?? process.env.LOCAL_CLUSTER_HOST ?? '127.0.0.1';
  if (!LOOPBACK.includes(host)) {
    throw new Error(
      `refusing to listen on ${host}: the local cluster is a dev stand-in and only binds to loopback`,
    );
  }
  const token = process.env.LOCAL_CLUSTER_TOKEN || DEV_TOKEN;
  // Dev-only CLI run from source, so the repo layout is stable.
  const packageDir = __dirname; // eslint-disable-line no-restricted-syntax
  const defaultManifests = path.resolve(
    packageDir,
    '../../../deploy/demo-cluster',
  );
  const manifestsDir =
    flags.manifests ?? process.env.LOCAL_CLUSTER_MANIFESTS ?? defaultManifests;
  const hasManifests = await fs.stat(manifestsDir).then(
    s => s.isDirectory(),
    () => false,
  );
  // With the demo workloads, the portal's own identities exist too, as they would on a real
  // cluster it runs against: its RBAC from deploy/rbac plus the dev bindings. (deploy/rbac binds
  // into the demo's team namespaces, so another manifests folder brings its own RBAC.)
  const defaultExtras =
    path.resolve(manifestsDir) === defaultManifests
      ? [
          path.resolve(packageDir, '../../../deploy/rbac'),
          path.resolve(packageDir, '../dev/rbac.yaml'),
        ]
      : [];
  const extraManifests = (
    flags['extra-manifests'] ??
    process.env.LOCAL_CLUSTER_EXTRA_MANIFESTS ??
    defaultExtras.join(',')
  )
    .split(',')
    .filter(Boolean);
  const identitiesFile =
    flags.identities ??
    process.env.LOCAL_CLUSTER_IDENTITIES ??
    path.resolve(packageDir, '../dev/identities.yaml');
  const identities = identitiesFile
    ? parseIdentities(await fs.readFile(identitiesFile, 'utf8'), identitiesFile)
    : [];

  const cluster = await startLocalCluster({
    port,
    host,
    token,
    manifestsDir: hasManifests ? manifestsDir : undefined,
    extraManifests,
    identities,
    readinessDelayMs: Number(
      process.env.LOCAL_CLUSTER_READINESS_DELAY_MS ?? 1500,
    ),
    crashLoopIntervalMs: Number(
      process.env.LOCAL_CLUSTER_CRASHLOOP_INTERVAL_MS ?? 10000,
    ),
  });
  const kubeconfigPath =
    flags.kubeconfig ?? process.env.LOCAL_CLUSTER_KUBECONFIG;
  if (kubeconfigPath)
    await fs.writeFile(kubeconfigPath, cluster.kubeconfig(), { mode: 0o600 });

  console.log(
    `local-cluster (dev stand-in, not a real cluster) listening on ${cluster.url} and ${cluster.httpsUrl} (self-signed)`,
  );
  console.log(
    hasManifests
      ? `loaded manifests from ${manifestsDir}`
      : `no manifests folder at ${manifestsDir}`,
  );
  if (extraManifests.length)
    console.log(`loaded RBAC and more from ${extraManifests.join(', ')}`);
  for (const i of identities)
    console.log(
      `token for ${
        i.serviceAccount
          ? `service account ${i.serviceAccount}`
          : `user ${i.user}`
      } from ${identitiesFile}`,
    );
  if (kubeconfigPath)
    console.log(
      `kubeconfig written to ${kubeconfigPath} (current context: cluster-admin; one context per identity)`,
    );
  if (token === DEV_TOKEN)
    console.log(
      'using the default dev token; set LOCAL_CLUSTER_TOKEN to change it',
    );

  const shutdown = () => {
    cluster.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch(err => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
