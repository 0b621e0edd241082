import { STATUS_CODES } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import { Config } from '@backstage/config';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ClusterConnection,
  kubeConfigOptions,
  kubernetesPluginClusters,
  readClusterConnections,
} from '@internal/portal-node';
import type * as K8s from '@kubernetes/client-node';
import { parse } from 'yaml';
import {
  KubeManifest,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  resourceOf,
} from './manifestGuardrails';
import { objectApi, timedKubeConfig } from './kubeClients';

export type { KubeManifest } from './manifestGuardrails';
export { validateManifests } from './manifestGuardrails';

/** One cluster the applier writes to, with the same TLS settings as the kubernetes plugin's. */
export type ClusterTarget = ClusterConnection;

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

/**
 * Applies manifests through `@kubernetes/client-node`: create, or replace what exists. Each
 * request carries the cluster's CA, token and skipTLSVerify, and has a time limit for the whole
 * exchange.
 */
export class KubernetesApplier {
  private readonly k8s: typeof K8s;
  private readonly core: K8s.CoreV1Api;
  private readonly apps: K8s.AppsV1Api;
  private readonly objects: ReturnType<typeof objectApi>;
  private readonly timeoutMs: number;

  constructor(
    private readonly cluster: ClusterTarget,
    options: { timeoutMs?: number } = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    // Loaded when a step applies, as the conformance watcher and the DORA observer do: the
    // client is large and the backend starts without it. require, not import(): Jest's VM
    // cannot run a dynamic import of an ES module, and Node 22 requires ES modules.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.k8s = require('@kubernetes/client-node');
    const kc = timedKubeConfig(this.k8s, this.timeoutMs);
    // An unreadable caFile throws here, naming the cluster and the file.
    kc.loadFromOptions(kubeConfigOptions(cluster, 'golden-paths'));
    this.core = kc.makeApiClient(this.k8s.CoreV1Api);
    this.apps = kc.makeApiClient(this.k8s.AppsV1Api);
    this.objects = objectApi(this.k8s, kc);
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
    const found = await this.call(
      'GET',
      `/api/v1/namespaces/${name}`,
      `read namespace ${name}`,
      () => this.core.readNamespace({ name }),
      { absent: 404 },
    );
    return found !== undefined;
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
    const body = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        labels: { ...labels, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE },
        ...(Object.keys(annotations).length ? { annotations } : {}),
      },
    };
    await this.call(
      'POST',
      '/api/v1/namespaces',
      `create namespace ${name}`,
      () => this.core.createNamespace({ body }),
      { absent: 409 },
    );
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
      const current = await this.call(
        'GET',
        this.paths(m).item,
        `read ${label}`,
        () => this.objects.read(this.objects.know(m)),
        { absent: 404 },
      );
      if (current === undefined) {
        plans.push({ action: 'create' });
        continue;
      }
      const existing = this.plain(current);
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
    this.objects.know(manifest);
    if (plan.action === 'create') {
      await this.call('POST', collection, `create ${label}`, () =>
        this.objects.create(this.model(manifest)),
      );
      return { ...base, action: 'created' };
    }
    // Optimistic concurrency: a change since plan() read it fails with 409 instead of losing it.
    await this.call('PUT', item, `replace ${label}`, () =>
      this.objects.replace(
        this.model({
          ...manifest,
          metadata: {
            ...manifest.metadata,
            resourceVersion: plan.resourceVersion,
          },
        }),
      ),
    );
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
      const d = (await this.call('GET', path, `read Deployment ${name}`, () =>
        this.apps.readNamespacedDeployment({ namespace, name }),
      ))!;
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

  /** The paths the error messages name; the client builds the same ones. */
  private paths(m: KubeManifest) {
    const info = resourceOf(m);
    const group = m.apiVersion.includes('/')
      ? `/apis/${m.apiVersion}`
      : `/api/${m.apiVersion}`;
    const collection = `${group}/namespaces/${m.metadata.namespace}/${info.plural}`;
    return { collection, item: `${collection}/${m.metadata.name}` };
  }

  /**
   * The client reads and writes its model classes (Dates; fields renamed where they are
   * JavaScript words: a NetworkPolicy rule's `from` is `_from`). A plain manifest sent as it is
   * would lose those fields, and a model never equals plain data. The client's YAML load and dump
   * convert between the two (JSON is YAML).
   */
  private model(manifest: KubeManifest): K8s.KubernetesObject {
    return this.k8s.loadYaml(JSON.stringify(manifest));
  }

  private plain(object: K8s.KubernetesObject): KubeManifest {
    return parse(this.k8s.dumpYaml(object));
  }

  /**
   * One request. `absent` is the status that is an answer rather than a failure (a missing
   * object, a namespace that exists): undefined then.
   */
  private async call<T>(
    method: string,
    path: string,
    what: string,
    send: () => Promise<T>,
    options: { absent?: number } = {},
  ): Promise<T | undefined> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof this.k8s.ApiException) {
        if (error.code === options.absent) return undefined;
        throw this.refused(error, what);
      }
      throw this.connectionError(error, method, path);
    }
  }

  /** A failure below HTTP, named by cluster; an untrusted certificate says what to configure. */
  private connectionError(error: any, method: string, path: string): Error {
    const { name, url } = this.cluster;
    // node-fetch says "request to <url> failed, reason: <Node's message>"; the reason is news.
    const reason =
      error?.name === 'AbortError'
        ? `no answer within ${this.timeoutMs} ms`
        : String(error?.message ?? error).replace(
            /^request to \S+ failed, reason: /,
            '',
          );
    if (UNTRUSTED_CERTIFICATE.has(error?.code)) {
      return new Error(
        `cluster ${name}: the TLS certificate of ${url} is not trusted (${reason}); set caData or caFile of cluster ${name} in kubernetes.clusterLocatorMethods to the CA that signed it (skipTLSVerify: true only for development)`,
      );
    }
    const base = url.replace(/\/$/, '');
    return new Error(
      `cluster ${name}: ${method} ${base}${path} failed: ${reason}`,
    );
  }

  private refused(error: K8s.ApiException<unknown>, what: string): Error {
    const status = error.code;
    // Kubernetes explains itself in a Status object; pass its message on to the task log. The
    // typed client keeps no body of a 401: the status text stands in.
    const message = statusMessage(error.body) ?? STATUS_CODES[status] ?? '';
    const text = `${what} in cluster ${this.cluster.name} failed: ${status} ${message}`;
    if (status === 404) return new NotFoundError(text);
    if (status === 400 || status === 422) return new InputError(text);
    return new Error(text);
  }
}

/** The message of a Status body, the raw body when it is not JSON. */
function statusMessage(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    return JSON.parse(body).message ?? body;
  } catch {
    return body;
  }
}
