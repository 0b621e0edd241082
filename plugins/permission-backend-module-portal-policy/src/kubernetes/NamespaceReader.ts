import { STATUS_CODES } from 'node:http';
import { Config } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  ClusterConnection,
  kubeConfigOptions,
  kubernetesPluginClusters,
  readClusterConnections,
} from '@internal/portal-node';
import type * as K8s from '@kubernetes/client-node';
import { NamespaceObject } from './appliedNamespaceOwner';

/** A cluster of the kubernetes plugin's `config` locator, with its read-only credentials. */
export type ReadCluster = ClusterConnection & { token: string };

/** How long one namespace look-up may take: the guard answers within 2 s even when it fails. */
export const DEFAULT_NAMESPACE_LOOKUP_TIMEOUT_MS = 1_500;
/** How long an answer (the object, or its absence) is reused. */
export const NAMESPACE_LOOKUP_CACHE_MS = 30_000;
// Names come from callers' paths; expired answers are dropped past this many entries.
const MAX_CACHED = 1_000;

/**
 * The clusters of `kubernetes.clusterLocatorMethods` of type `config` that read with a service
 * account token: the credentials the kubernetes plugin and conformance read with. Clusters from
 * the catalog or with other auth providers are left out; their namespaces keep only the catalog
 * rule.
 */
export function readClustersFromConfig(config: Config): ReadCluster[] {
  const withToken = kubernetesPluginClusters(config).filter(
    c =>
      (c.getOptionalString('authProvider') ?? 'serviceAccount') ===
        'serviceAccount' && !!c.getOptionalString('serviceAccountToken'),
  );
  return readClusterConnections(withToken) as ReadCluster[];
}

/**
 * Reads Namespace objects with the portal's read credentials, each answer cached for a while
 * and each request cut off after a deadline: the proxy guard asks on every read of a namespace
 * no trusted entity claims, and a hung cluster must not hang it.
 */
export class NamespaceReader {
  private readonly clusters: Map<string, ReadCluster>;

  // Made on a cluster's first look-up, so that the backend starts without loading the client.
  private readonly apis = new Map<string, K8s.CoreV1Api>();

  private readonly cache = new Map<
    string,
    { expires: number; answer: Promise<NamespaceObject | undefined> }
  >();

  private readonly timeoutMs: number;

  private readonly cacheMs: number;

  private readonly now: () => number;

  constructor(
    clusters: ReadCluster[],
    options: { timeoutMs?: number; cacheMs?: number; now?: () => number } = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_NAMESPACE_LOOKUP_TIMEOUT_MS;
    this.cacheMs = options.cacheMs ?? NAMESPACE_LOOKUP_CACHE_MS;
    this.now = options.now ?? Date.now;
    this.clusters = new Map(clusters.map(c => [c.name, c]));
  }

  static fromConfig(config: Config): NamespaceReader {
    return new NamespaceReader(readClustersFromConfig(config), {
      timeoutMs: config.getOptionalNumber(
        'kubernetes.portal.namespaceLookupTimeoutMs',
      ),
    });
  }

  /** Whether the cluster is one this reader has credentials for. */
  knows(cluster: string): boolean {
    return this.clusters.has(cluster);
  }

  /**
   * The Namespace object, or undefined when the cluster says it does not exist. Throws a
   * ServiceUnavailableError naming the cluster when it does not answer in time or refuses.
   */
  read(
    cluster: string,
    namespace: string,
  ): Promise<NamespaceObject | undefined> {
    const key = `${cluster}/${namespace}`;
    const now = this.now();
    const cached = this.cache.get(key);
    if (cached && cached.expires > now) return cached.answer;
    if (this.cache.size >= MAX_CACHED) {
      for (const [k, v] of this.cache)
        if (v.expires <= now) this.cache.delete(k);
    }
    const answer = this.fetch(cluster, namespace);
    const entry = { expires: now + this.cacheMs, answer };
    this.cache.set(key, entry);
    // A failure is not an answer: the next request asks again.
    answer.catch(() => {
      if (this.cache.get(key) === entry) this.cache.delete(key);
    });
    return answer;
  }

  private async fetch(
    clusterName: string,
    namespace: string,
  ): Promise<NamespaceObject | undefined> {
    const cluster = this.clusters.get(clusterName);
    if (!cluster) return undefined;
    const what = `reading namespace ${namespace} from cluster ${cluster.name}`;
    // Loaded on the first look-up, as the conformance watcher and the DORA observer do: the
    // client is large and the backend starts without it. require, not import(): Jest's VM
    // cannot run a dynamic import of an ES module, and Node 22 requires ES modules.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const k8s: typeof K8s = require('@kubernetes/client-node');
    try {
      return await this.api(k8s, cluster).readNamespace({ name: namespace });
    } catch (error) {
      if (error instanceof k8s.ApiException) {
        if (error.code === 404) return undefined;
        const body =
          typeof error.body === 'string'
            ? error.body
            : STATUS_CODES[error.code] ?? '';
        throw new ServiceUnavailableError(
          `${what} failed: ${error.code} ${body.slice(0, 200)}`,
        );
      }
      if ((error as Error)?.name === 'AbortError') {
        throw new ServiceUnavailableError(
          `${what}: no answer within ${this.timeoutMs} ms (kubernetes.portal.namespaceLookupTimeoutMs)`,
        );
      }
      throw new ServiceUnavailableError(
        `${what} failed: ${(error as Error)?.message ?? error}`,
      );
    }
  }

  /**
   * The cluster's client, with its CA, token and skipTLSVerify. An unreadable caFile throws
   * (a 503 naming the cluster and the file) and is read again on the next look-up.
   */
  private api(k8s: typeof K8s, cluster: ReadCluster): K8s.CoreV1Api {
    let api = this.apis.get(cluster.name);
    if (!api) {
      const timeoutMs = this.timeoutMs;
      // Every request is cut off at the deadline, body included, not only on socket
      // inactivity: a cluster that trickles bytes is hung too.
      class TimedKubeConfig extends k8s.KubeConfig {
        async applySecurityAuthentication(context: K8s.RequestContext) {
          await super.applySecurityAuthentication(context);
          context.setSignal(AbortSignal.timeout(timeoutMs));
        }
      }
      const kc = new TimedKubeConfig();
      kc.loadFromOptions(kubeConfigOptions(cluster, 'portal-reader'));
      api = kc.makeApiClient(k8s.CoreV1Api);
      this.apis.set(cluster.name, api);
    }
    return api;
  }
}
