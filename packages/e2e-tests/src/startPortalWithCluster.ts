import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  LocalCluster,
  portalDevIdentities,
  startLocalCluster,
} from '@internal/local-cluster';
import {
  PortalBackend,
  StartPortalBackendOptions,
  freePort,
  repoRoot,
  startPortalBackend,
} from './startPortalBackend';

export interface PortalWithCluster {
  backend: PortalBackend;
  cluster: LocalCluster;
  /** Bearer token of the local cluster's admin, for tests that act as a cluster client. */
  clusterToken: string;
  /** The portal's own tokens: the kubernetes plugin reads as one, the applier writes as the other. */
  readerToken: string;
  applierToken: string;
  stop(): Promise<void>;
}

/**
 * The development portal (SQLite in a temporary folder) wired to a fresh local cluster loaded with
 * the demo workloads; optionally also to a cluster that is configured but down.
 */
export async function startPortalWithCluster(
  options: {
    port?: number;
    withUnreachableCluster?: boolean;
    override?: StartPortalBackendOptions['override'];
  } = {},
): Promise<PortalWithCluster> {
  const token = 'e2e-cluster-token';
  // The portal's least-privilege identities, as in development (packages/local-cluster/dev).
  const { extraManifests, identities, readerToken, applierToken } =
    portalDevIdentities(repoRoot);
  const cluster = await startLocalCluster({
    port: 0,
    token,
    manifestsDir: path.join(repoRoot, 'deploy/demo-cluster'),
    extraManifests,
    identities,
    readinessDelayMs: 200,
    crashLoopIntervalMs: 500,
  });
  const clusters = [
    {
      name: 'local',
      url: cluster.url,
      authProvider: 'serviceAccount',
      serviceAccountToken: readerToken,
    },
  ];
  if (options.withUnreachableCluster) {
    // Nothing listens on this port: the cluster is configured but down.
    clusters.push({
      name: 'unreachable',
      url: `http://127.0.0.1:${await freePort()}`,
      authProvider: 'serviceAccount',
      serviceAccountToken: 'unused',
    });
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-'));
  try {
    const backend = await startPortalBackend({
      configs: ['app-config.yaml'],
      env: { PORTAL_DATA_DIR: dataDir },
      port: options.port,
      override: {
        ...options.override,
        goldenPaths: {
          ...(options.override?.goldenPaths as object),
          kubernetes: {
            ...((options.override?.goldenPaths as any)?.kubernetes ?? {}),
            clusters: [
              {
                name: 'local',
                url: cluster.url,
                serviceAccountToken: applierToken,
              },
            ],
          },
        },
        kubernetes: {
          serviceLocatorMethod: { type: 'multiTenant' },
          clusterLocatorMethods: [{ type: 'config', clusters }],
        },
      },
    });
    return {
      backend,
      cluster,
      clusterToken: token,
      readerToken,
      applierToken,
      async stop() {
        await backend.stop();
        await cluster.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await cluster.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}
