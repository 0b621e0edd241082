import { Config } from '@backstage/config';
import { readFileSync } from 'node:fs';

/** How to reach one cluster's API server, as the config names it. */
export interface ClusterConnection {
  name: string;
  url: string;
  /** A service-account token; absent when the cluster is reached without one. */
  token?: string;
  /** The CA that signed the API server's certificate: base64 (as kubeconfig has it) or PEM. */
  caData?: string;
  /** A file holding that CA in PEM, when `caData` is absent. */
  caFile?: string;
  skipTLSVerify?: boolean;
}

/** Reads a list of clusters in the kubernetes plugin's shape (name, url, serviceAccountToken, …). */
export function readClusterConnections(
  clusters: readonly Config[],
): ClusterConnection[] {
  return clusters.map(cluster => ({
    name: cluster.getString('name'),
    url: cluster.getString('url'),
    token: cluster.getOptionalString('serviceAccountToken'),
    caData: cluster.getOptionalString('caData'),
    caFile: cluster.getOptionalString('caFile'),
    skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify'),
  }));
}

/**
 * The clusters of the kubernetes plugin's `config` locators
 * (`kubernetes.clusterLocatorMethods[type=config].clusters`), with their credentials. Catalog
 * locators are left out: which catalog clusters count is the permission policy's decision.
 */
export function kubernetesPluginClusters(config: Config): Config[] {
  return (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  )
    .filter(method => method.getString('type') === 'config')
    .flatMap(method => method.getOptionalConfigArray('clusters') ?? []);
}

/** The CA bundle to trust for a cluster, in PEM: caData (base64, or PEM as is), else caFile. */
export function clusterCa(cluster: ClusterConnection): string | undefined {
  if (cluster.caData) {
    return cluster.caData.includes('-----BEGIN')
      ? cluster.caData
      : Buffer.from(cluster.caData, 'base64').toString('utf8');
  }
  if (cluster.caFile) {
    try {
      return readFileSync(cluster.caFile, 'utf8');
    } catch (e) {
      throw new Error(
        `cluster ${cluster.name}: caFile ${cluster.caFile} cannot be read: ${
          (e as Error).message
        }`,
      );
    }
  }
  return undefined;
}

/**
 * The options `@kubernetes/client-node`'s `KubeConfig.loadFromOptions` takes for one cluster and
 * its token, as plain data (this package does not load the client). The library reads `caData`
 * as base64 only, so the CA goes in as base64 whatever form the config gave it in (PEM,
 * base64, a file); an unreadable `caFile` throws, naming the cluster and the file.
 */
export function kubeConfigOptions(cluster: ClusterConnection, user: string) {
  const ca = clusterCa(cluster);
  return {
    clusters: [
      {
        name: cluster.name,
        server: cluster.url.replace(/\/+$/, ''),
        caData: ca && Buffer.from(ca).toString('base64'),
        // The library refuses plain http:// unless told to skip TLS verification, of which
        // there is none to skip (a laptop's local cluster; the kubernetes backend allows it).
        skipTLSVerify: cluster.skipTLSVerify || cluster.url.startsWith('http:'),
      },
    ],
    users: [{ name: user, token: cluster.token }],
    contexts: [{ name: cluster.name, cluster: cluster.name, user }],
    currentContext: cluster.name,
  };
}
