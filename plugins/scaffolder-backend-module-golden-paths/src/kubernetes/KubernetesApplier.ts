import http from 'node:http';
import https from 'node:https';
import { isDeepStrictEqual } from 'node:util';
import { Config } from '@backstage/config';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ClusterConnection,
  clusterCa,
  kubernetesPluginClusters,
  readClusterConnections,
} from '@internal/portal-node';
import {
  KubeManifest,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  resourceOf,
} from './manifestGuardrails';

export type { KubeManifest } from './manifestGuardrails';
export { validateManifests } from './manifestGuardrails';

/** One cluster the applier writes to, with the same TLS settings as the kubernetes plugin's. */
export type ClusterTarget = ClusterConnection;

/** The little of an HTTP response the applier reads. */
interface ApiResponse {
  status: number;
  ok: boolean;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

/** Node's codes for a certificate chain that does not lead to a trusted CA, or the wrong name. */
const UNTRUSTED_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Default limit of one API request: a hung API server fails the step instead of hanging it. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;

export interface AppliedObject {
  kind: string;
  namespace?: string;
  name: string;
  action: 'created' | 'replaced' | 'unchanged';
}

/** What `plan` decided for one manifest. */
export type PlannedApply =
  | { action: 'create' }
  | { action: 'replace'; resourceVersion: string }
  | { action: 'unchanged' };

/**
 * The clusters the applier writes to, with its own (write) credentials:
 * `goldenPaths.kubernetes.clusters`. Only when `goldenPaths.kubernetes.useKubernetesPluginClusters`
 * is true (development) does it fall back to the kubernetes plugin's config clusters, whose
 * credentials should be read-only in production.
 */
export function readClusterTargets(config: Config): ClusterTarget[] {
  const own = config.getOptionalConfigArray('goldenPaths.kubernetes.clusters');
  const shared = config.getOptionalBoolean(
    'goldenPaths.kubernetes.useKubernetesPluginClusters',
  )
    ? kubernetesPluginClusters(config)
    : [];
  return readClusterConnections(own ?? shared);
}

const NOT_CONTENT = new Set(['apiVersion', 'kind', 'metadata', 'status']);

/** Whether an object already holds what the manifest says, apart from metadata and status. */
function sameContent(existing: KubeManifest, manifest: KubeManifest): boolean {
  const content = (o: KubeManifest) =>
    Object.fromEntries(
      Object.entries(o).filter(([key]) => !NOT_CONTENT.has(key)),
    );
  return isDeepStrictEqual(content(existing), content(manifest));
}

/** Applies manifests through the Kubernetes HTTP API: create, or replace what exists. */
export class KubernetesApplier {
  private readonly agent: http.Agent;

  private readonly timeoutMs: number;

  constructor(
    private readonly cluster: ClusterTarget,
    options: { timeoutMs?: number } = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    // One agent per cluster carries its trust settings; without caData or caFile Node's own CA
    // list applies, as for any HTTPS client.
    this.agent = cluster.url.startsWith('https:')
      ? new https.Agent({
          ca: clusterCa(cluster),
          rejectUnauthorized: !cluster.skipTLSVerify,
        })
      : new http.Agent();
  }

  static forCluster(config: Config, name?: string): KubernetesApplier {
    const timeoutMs = config.getOptionalNumber(
      'goldenPaths.kubernetes.requestTimeoutMs',
    );
    const clusters = readClusterTargets(config);
    const cluster = name ? clusters.find(c => c.name === name) : clusters[0];
    if (!cluster) {
      throw new InputError(
        `cluster: no cluster named "${
          name ?? '(any)'
        }" in goldenPaths.kubernetes.clusters; known: ${
          clusters.map(c => c.name).join(', ') || 'none'
        }`,
      );
    }
    return new KubernetesApplier(cluster, { timeoutMs });
  }

  get clusterName() {
    return this.cluster.name;
  }

  async namespaceExists(name: string): Promise<boolean> {
    const res = await this.request('GET', `/api/v1/namespaces/${name}`);
    if (res.status === 404) return false;
    await this.check(res, `read namespace ${name}`);
    return true;
  }

  /**
   * Creates the namespace unless it exists; its labels are the owning team's business. An
   * existing namespace is left as it is: its annotations never change hands.
   */
  async ensureNamespace(
    name: string,
    labels: Record<string, string>,
    annotations: Record<string, string> = {},
  ) {
    const res = await this.request('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        labels: { ...labels, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE },
        ...(Object.keys(annotations).length ? { annotations } : {}),
      },
    });
    if (res.status !== 409) await this.check(res, `create namespace ${name}`);
  }

  /**
   * Reads every object first and refuses the whole set when one exists without the portal's
   * label and the manifest would change it: nothing is written unless everything may be. An
   * unlabelled object the manifest matches already (a team's shared default-deny policy) is
   * left alone.
   */
  async plan(manifests: KubeManifest[]): Promise<PlannedApply[]> {
    const plans: PlannedApply[] = [];
    for (const m of manifests) {
      const label = `${m.kind} ${m.metadata.namespace}/${m.metadata.name}`;
      const current = await this.request('GET', this.paths(m).item);
      if (current.status === 404) {
        plans.push({ action: 'create' });
        continue;
      }
      await this.check(current, `read ${label}`);
      const existing = (await current.json()) as KubeManifest;
      const { metadata } = existing;
      if (metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE) {
        plans.push({
          action: 'replace',
          resourceVersion: metadata.resourceVersion as string,
        });
      } else if (sameContent(existing, m)) {
        plans.push({ action: 'unchanged' });
      } else {
        throw new ConflictError(
          `${label} exists in cluster ${this.cluster.name} and was not created by the portal (no ${MANAGED_BY_LABEL}: ${MANAGED_BY_VALUE} label); golden paths never replace it`,
        );
      }
    }
    return plans;
  }

  /** Carries out one decision of `plan`. */
  async apply(
    manifest: KubeManifest,
    plan: PlannedApply = { action: 'create' },
  ): Promise<AppliedObject> {
    const { collection, item } = this.paths(manifest);
    const label = `${manifest.kind} ${manifest.metadata.name}`;
    const base = {
      kind: manifest.kind,
      namespace: manifest.metadata.namespace,
      name: manifest.metadata.name,
    };
    if (plan.action === 'unchanged') return { ...base, action: 'unchanged' };
    if (plan.action === 'create') {
      await this.check(
        await this.request('POST', collection, manifest),
        `create ${label}`,
      );
      return { ...base, action: 'created' };
    }
    // Optimistic concurrency: a change since plan() read it fails with 409 instead of losing it.
    const replaced = await this.request('PUT', item, {
      ...manifest,
      metadata: { ...manifest.metadata, resourceVersion: plan.resourceVersion },
    });
    await this.check(replaced, `replace ${label}`);
    return { ...base, action: 'replaced' };
  }

  /**
   * Waits until the Deployment's current generation is fully rolled out and available, as
   * `kubectl rollout status` does.
   */
  async waitForRollout(
    namespace: string,
    name: string,
    options: { timeoutMs: number; pollMs?: number; signal?: AbortSignal },
  ): Promise<void> {
    const path = `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`;
    const deadline = Date.now() + options.timeoutMs;
    let last = 'no status yet';
    while (Date.now() < deadline && !options.signal?.aborted) {
      const res = await this.request('GET', path);
      await this.check(res, `read Deployment ${name}`);
      const d = (await res.json()) as any;
      const want = d.spec?.replicas ?? 1;
      const s = d.status ?? {};
      last = `${s.updatedReplicas ?? 0}/${want} updated, ${
        s.availableReplicas ?? 0
      } available`;
      if (
        (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1) &&
        (s.updatedReplicas ?? 0) >= want &&
        (s.availableReplicas ?? 0) >= want &&
        (s.replicas ?? 0) === (s.updatedReplicas ?? 0)
      ) {
        return;
      }
      await new Promise(r => setTimeout(r, options.pollMs ?? 500));
    }
    throw new Error(
      `Deployment ${namespace}/${name} did not roll out within ${options.timeoutMs} ms (${last})`,
    );
  }

  private paths(m: KubeManifest) {
    const info = resourceOf(m);
    const group = m.apiVersion.includes('/')
      ? `/apis/${m.apiVersion}`
      : `/api/${m.apiVersion}`;
    const collection = `${group}/namespaces/${m.metadata.namespace}/${info.plural}`;
    return { collection, item: `${collection}/${m.metadata.name}` };
  }

  private request(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiResponse> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.cluster.token)
      headers.authorization = `Bearer ${this.cluster.token}`;
    const payload = body ? JSON.stringify(body) : undefined;
    if (payload) headers['content-type'] = 'application/json';
    const url = `${this.cluster.url.replace(/\/$/, '')}${path}`;
    const client = url.startsWith('https:') ? https : http;
    return new Promise<ApiResponse>((resolve, reject) => {
      const req = client.request(
        url,
        { method, headers, agent: this.agent },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            resolve({
              status,
              ok: status >= 200 && status < 300,
              text: async () => text,
              json: async () => JSON.parse(text),
            });
          });
        },
      );
      // The whole exchange, not only socket inactivity: a server that trickles bytes is hung too.
      const timer = setTimeout(
        () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      req.on('close', () => clearTimeout(timer));
      req.on('error', reject);
      req.end(payload);
    }).catch(error => {
      throw this.connectionError(error, method, url);
    });
  }

  /** A failure below HTTP, named by cluster; an untrusted certificate says what to configure. */
  private connectionError(error: any, method: string, url: string): Error {
    const { name } = this.cluster;
    if (UNTRUSTED_CERTIFICATE.has(error?.code)) {
      return new Error(
        `cluster ${name}: the TLS certificate of ${this.cluster.url} is not trusted (${error.message}); set caData or caFile of cluster ${name} in kubernetes.clusterLocatorMethods to the CA that signed it (skipTLSVerify: true only for development)`,
      );
    }
    return new Error(
      `cluster ${name}: ${method} ${url} failed: ${error?.message ?? error}`,
    );
  }

  private async check(res: ApiResponse, what: string) {
    if (res.ok) return;
    // Kubernetes explains itself in a Status object; pass its message on to the task log.
    const text = await res.text();
    let message = text;
    try {
      message = JSON.parse(text).message ?? text;
    } catch {
      // not JSON: keep the raw body
    }
    const error = `${what} in cluster ${this.cluster.name} failed: ${res.status} ${message}`;
    if (res.status === 404) throw new NotFoundError(error);
    if (res.status === 400 || res.status === 422) throw new InputError(error);
    throw new Error(error);
  }
}
