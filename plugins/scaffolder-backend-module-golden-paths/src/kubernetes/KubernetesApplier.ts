import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';

/** One cluster of the kubernetes plugin's `config` locator, with the same TLS settings. */
export interface ClusterTarget {
  name: string;
  url: string;
  token?: string;
  /** Base64 of the PEM bundle that signs the API server's certificate (kubeconfig style). */
  caData?: string;
  /** Path of that PEM bundle on the backend's disk. */
  caFile?: string;
  /** Accept any certificate: development only. */
  skipTLSVerify?: boolean;
}

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

const REQUEST_TIMEOUT_MS = 30_000;

export interface KubeManifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface AppliedObject {
  kind: string;
  namespace?: string;
  name: string;
  action: 'created' | 'replaced';
}

interface ResourceInfo {
  plural: string;
  namespaced: boolean;
}

/**
 * The kinds a golden path generates, with their REST path segments. A fixed table rather than
 * API discovery: the set is small, and an unknown kind should fail before anything is applied.
 */
const RESOURCES: Record<string, ResourceInfo> = {
  'v1/Namespace': { plural: 'namespaces', namespaced: false },
  'v1/Service': { plural: 'services', namespaced: true },
  'v1/ServiceAccount': { plural: 'serviceaccounts', namespaced: true },
  'v1/ConfigMap': { plural: 'configmaps', namespaced: true },
  'v1/Secret': { plural: 'secrets', namespaced: true },
  'apps/v1/Deployment': { plural: 'deployments', namespaced: true },
  'apps/v1/StatefulSet': { plural: 'statefulsets', namespaced: true },
  'batch/v1/Job': { plural: 'jobs', namespaced: true },
  'batch/v1/CronJob': { plural: 'cronjobs', namespaced: true },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    plural: 'horizontalpodautoscalers',
    namespaced: true,
  },
  'policy/v1/PodDisruptionBudget': {
    plural: 'poddisruptionbudgets',
    namespaced: true,
  },
  'networking.k8s.io/v1/NetworkPolicy': {
    plural: 'networkpolicies',
    namespaced: true,
  },
};

/** Reads the clusters of the kubernetes plugin's config, so there is one place to configure them. */
export function readClusterTargets(config: Config): ClusterTarget[] {
  return (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  )
    .filter(method => method.getString('type') === 'config')
    .flatMap(method => method.getOptionalConfigArray('clusters') ?? [])
    .map(cluster => ({
      name: cluster.getString('name'),
      url: cluster.getString('url'),
      token: cluster.getOptionalString('serviceAccountToken'),
      caData: cluster.getOptionalString('caData'),
      caFile: cluster.getOptionalString('caFile'),
      skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify'),
    }));
}

/** Checks every manifest up front, so a bad one fails the step before any object is applied. */
export function validateManifests(
  manifests: unknown[],
  defaultNamespace: string,
): KubeManifest[] {
  return manifests.map((m, i) => {
    const obj = m as Partial<KubeManifest> | null;
    const where = `manifests[${i}]`;
    if (!obj || typeof obj !== 'object') {
      throw new InputError(`${where} is not an object`);
    }
    if (!obj.apiVersion || !obj.kind || !obj.metadata?.name) {
      throw new InputError(`${where} needs apiVersion, kind and metadata.name`);
    }
    const info = RESOURCES[`${obj.apiVersion}/${obj.kind}`];
    if (!info) {
      throw new InputError(
        `${where} (${obj.kind} ${obj.metadata.name}): ${obj.apiVersion} ${obj.kind} is not a kind golden paths apply`,
      );
    }
    if (!info.namespaced) return obj as KubeManifest;
    return {
      ...obj,
      metadata: {
        ...obj.metadata,
        namespace: obj.metadata.namespace ?? defaultNamespace,
      },
    } as KubeManifest;
  });
}

/** The CA bundle to trust for a cluster: caData (base64, or PEM as is), else caFile. */
export function clusterCa(cluster: ClusterTarget): string | undefined {
  if (cluster.caData) {
    return cluster.caData.includes('-----BEGIN')
      ? cluster.caData
      : Buffer.from(cluster.caData, 'base64').toString('utf8');
  }
  if (cluster.caFile) {
    try {
      return fs.readFileSync(cluster.caFile, 'utf8');
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

/** Applies manifests through the Kubernetes HTTP API: create, or replace what exists. */
export class KubernetesApplier {
  private readonly agent: http.Agent;

  constructor(private readonly cluster: ClusterTarget) {
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
    const clusters = readClusterTargets(config);
    const cluster = name ? clusters.find(c => c.name === name) : clusters[0];
    if (!cluster) {
      throw new InputError(
        `cluster: no cluster named "${
          name ?? '(any)'
        }" in kubernetes.clusterLocatorMethods; known: ${
          clusters.map(c => c.name).join(', ') || 'none'
        }`,
      );
    }
    return new KubernetesApplier(cluster);
  }

  get clusterName() {
    return this.cluster.name;
  }

  /** Creates the namespace unless it exists; its labels are the owning team's business. */
  async ensureNamespace(name: string, labels: Record<string, string>) {
    const res = await this.request('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels },
    });
    if (res.status !== 409) await this.check(res, `create namespace ${name}`);
  }

  async apply(manifest: KubeManifest): Promise<AppliedObject> {
    const { collection, item } = this.paths(manifest);
    const label = `${manifest.kind} ${manifest.metadata.name}`;
    const created = await this.request('POST', collection, manifest);
    const base = {
      kind: manifest.kind,
      namespace: manifest.metadata.namespace,
      name: manifest.metadata.name,
    };
    if (created.status !== 409) {
      await this.check(created, `create ${label}`);
      return { ...base, action: 'created' };
    }
    // Replace needs the current resourceVersion (optimistic concurrency), so read it first.
    const current = await this.request('GET', item);
    await this.check(current, `read ${label}`);
    const { metadata } = (await current.json()) as KubeManifest;
    const replaced = await this.request('PUT', item, {
      ...manifest,
      metadata: {
        ...manifest.metadata,
        resourceVersion: metadata.resourceVersion,
      },
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
    const info = RESOURCES[`${m.apiVersion}/${m.kind}`];
    const group = m.apiVersion.includes('/')
      ? `/apis/${m.apiVersion}`
      : `/api/${m.apiVersion}`;
    const ns = info.namespaced ? `/namespaces/${m.metadata.namespace}` : '';
    const collection = `${group}${ns}/${info.plural}`;
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
      req.setTimeout(REQUEST_TIMEOUT_MS, () =>
        req.destroy(
          new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`),
        ),
      );
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
