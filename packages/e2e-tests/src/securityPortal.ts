import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  LocalCluster,
  portalDevIdentities,
  startLocalCluster,
} from '@internal/local-cluster';
import { PortalClient } from './PortalClient';
import {
  PortalBackend,
  StartPortalBackendOptions,
  repoRoot,
  startPortalBackend,
} from './startPortalBackend';

/** Who signs in through the guest provider of one booted portal. */
export const principals = {
  /** The stock guest: owns nothing in the catalog. */
  plain: 'user:development/guest',
  /** A member of group payments, which owns payment-service (namespace payments). */
  owner: 'user:default/priya.raman',
  /** A member of group portal-admins. */
  admin: 'user:default/olivia.brooks',
} as const;
export type SignedInPrincipal = keyof typeof principals;

export const clusterToken = 'e2e-security-cluster-token';

const devIdentities = portalDevIdentities(repoRoot);

export async function startSecurityCluster(): Promise<LocalCluster> {
  return startLocalCluster({
    port: 0,
    token: clusterToken,
    manifestsDir: path.join(repoRoot, 'deploy/demo-cluster'),
    // The portal's identities (deploy/rbac): the golden-path applier writes as portal-applier.
    extraManifests: devIdentities.extraManifests,
    identities: devIdentities.identities,
    readinessDelayMs: 200,
    crashLoopIntervalMs: 500,
  });
}

export interface SecurityPortal {
  backend: PortalBackend;
  /** The CI pipelines' static token (app-config.api-access.yaml). */
  apiToken: string;
  anonymous: PortalClient;
  /** Signed in as the portal's guest identity, with its catalog memberships. */
  user: PortalClient;
  stop(): Promise<void>;
}

/**
 * The development portal (SQLite in a temporary folder) with the CI token layer, wired to the
 * given local cluster, whose guest sign-in resolves to one catalog user. Signing in as a catalog
 * user is how the guest provider works; it is the only sign-in that runs without a network.
 */
export async function startSecurityPortal(options: {
  /** The cluster `local` of the kubernetes plugin (a local cluster, or any server's URL). */
  cluster: Pick<LocalCluster, 'url'>;
  as: SignedInPrincipal;
  override?: StartPortalBackendOptions['override'];
  /** Also take clusters from catalog Resources of type kubernetes-cluster. */
  catalogClusters?: boolean;
}): Promise<SecurityPortal> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-security-'));
  const apiToken = crypto.randomBytes(24).toString('base64url');
  const userEntityRef = principals[options.as];
  try {
    const backend = await startPortalBackend({
      configs: ['app-config.yaml', 'app-config.api-access.yaml'],
      env: { PORTAL_DATA_DIR: dataDir, PORTAL_API_TOKEN: apiToken },
      override: {
        ...options.override,
        auth: { providers: { guest: { userEntityRef } } },
        goldenPaths: {
          ...(options.override?.goldenPaths as object),
          kubernetes: {
            ...((options.override?.goldenPaths as any)?.kubernetes ?? {}),
            clusters: [
              {
                name: 'local',
                url: options.cluster.url,
                serviceAccountToken: devIdentities.applierToken,
              },
            ],
          },
        },
        kubernetes: {
          ...(options.override?.kubernetes as object),
          serviceLocatorMethod: { type: 'multiTenant' },
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'local',
                  url: options.cluster.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: clusterToken,
                },
              ],
            },
            // Loopback clusters are private addresses, which the catalog locator refuses unless
            // allowed; allowing them leaves the trust processor as what keeps a user's out.
            ...(options.catalogClusters
              ? [
                  {
                    type: 'catalog',
                    dangerouslyAllowClusterUrls: ['127.0.0.1'],
                  },
                ]
              : []),
          ],
        },
      },
    });
    const anonymous = new PortalClient(backend.baseUrl);
    // Until the catalog holds the user, sign-in falls back to a token without memberships; so
    // wait for the organisation, then sign in again.
    const early = await anonymous.signInAsGuest();
    await early.waitForEntities([
      'Group:payments',
      'Group:portal-admins',
      'User:priya.raman',
      'User:olivia.brooks',
      'Component:payment-service',
      'Component:order-service',
    ]);
    const user = await anonymous.signInAsGuest();
    return {
      backend,
      apiToken,
      anonymous,
      user,
      async stop() {
        await backend.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}
