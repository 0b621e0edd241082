/**
 * The portal's identities on a development cluster, for the CLI's defaults
 * and for test harnesses that boot the portal against a local cluster: the
 * RBAC of deploy/rbac plus dev/rbac.yaml, and the dev tokens of
 * dev/identities.yaml.
 */
import fs from 'node:fs';
import path from 'node:path';
import { IdentityConfig, parseIdentities } from './rbac';

export interface PortalDevIdentities {
  /** Load these after the demo workloads (`extraManifests`). */
  extraManifests: string[];
  identities: IdentityConfig[];
  /** portal-reader: the kubernetes plugin, conformance, DORA rollouts. */
  readerToken: string;
  /** portal-applier: goldenPaths.kubernetes.clusters. */
  applierToken: string;
}

export function portalDevIdentities(repoRoot: string): PortalDevIdentities {
  const devDir = path.join(repoRoot, 'packages/local-cluster/dev');
  const file = path.join(devDir, 'identities.yaml');
  const identities = parseIdentities(fs.readFileSync(file, 'utf8'), file);
  const tokenOf = (serviceAccount: string) => {
    const found = identities.find(i => i.serviceAccount === serviceAccount);
    if (!found) throw new Error(`${file}: no token for ${serviceAccount}`);
    return found.token;
  };
  return {
    extraManifests: [
      path.join(repoRoot, 'deploy/rbac'),
      path.join(devDir, 'rbac.yaml'),
    ],
    identities,
    readerToken: tokenOf('portal-system/portal-reader'),
    applierToken: tokenOf('portal-system/portal-applier'),
  };
}
