import http from 'node:http';
import https from 'node:https';
import { Config } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  ClusterConnection,
  clusterCa,
  kubernetesPluginClusters,
  readClusterConnections,
} from '@internal/portal-node';
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
  private readonly clusters: Map<
    string,
    { cluster: ReadCluster; agent: http.Agent }
  >;

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
    this.clusters = new Map(
      clusters.map(cluster => [
        cluster.name,
        { cluster, agent: agentFor(cluster) },
      ]),
    );
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

  private fetch(
    clusterName: string,
    namespace: string,
  ): Promise<NamespaceObject | undefined> {
    const target = this.clusters.get(clusterName);
    if (!target) return Promise.resolve(undefined);
    const { cluster, agent } = target;
    const url = `${cluster.url.replace(
      /\/$/,
      '',
    )}/api/v1/namespaces/${encodeURIComponent(namespace)}`;
    const client = url.startsWith('https:') ? https : http;
    const what = `reading namespace ${namespace} from cluster ${cluster.name}`;
    return new Promise<NamespaceObject | undefined>((resolve, reject) => {
      const req = client.request(
        url,
        {
          method: 'GET',
          agent,
          headers: {
            accept: 'application/json',
            authorization: `Bearer ${cluster.token}`,
          },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status === 404) {
              resolve(undefined);
              return;
            }
            const text = Buffer.concat(chunks).toString('utf8');
            if (status !== 200) {
              reject(
                new ServiceUnavailableError(
                  `${what} failed: ${status} ${text.slice(0, 200)}`,
                ),
              );
              return;
            }
            try {
              resolve(JSON.parse(text) as NamespaceObject);
            } catch {
              reject(new ServiceUnavailableError(`${what}: not JSON`));
            }
          });
        },
      );
      // The whole exchange, not socket inactivity: a cluster that trickles bytes is hung too.
      const timer = setTimeout(
        () =>
          req.destroy(
            new ServiceUnavailableError(
              `${what}: no answer within ${this.timeoutMs} ms (kubernetes.portal.namespaceLookupTimeoutMs)`,
            ),
          ),
        this.timeoutMs,
      );
      req.on('close', () => clearTimeout(timer));
      req.on('error', error =>
        reject(
          error instanceof ServiceUnavailableError
            ? error
            : new ServiceUnavailableError(`${what} failed: ${error.message}`),
        ),
      );
      req.end();
    });
  }
}

function agentFor(cluster: ReadCluster): http.Agent {
  if (!cluster.url.startsWith('https:')) return new http.Agent();
  let ca: string | undefined;
  try {
    ca = clusterCa(cluster);
  } catch {
    // An unreadable caFile leaves Node's CA list; the look-up then fails as untrusted (503).
    ca = undefined;
  }
  return new https.Agent({ ca, rejectUnauthorized: !cluster.skipTLSVerify });
}
