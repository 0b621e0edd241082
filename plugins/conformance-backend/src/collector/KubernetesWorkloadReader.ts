import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ResponseError, ServiceUnavailableError } from '@backstage/errors';
import { ObjectsByEntityResponse } from '@backstage/plugin-kubernetes-common';
import {
  KubeObject,
  WorkloadContext,
} from '@internal/plugin-conformance-common';

/** The workloads of one entity in one cluster, each with the objects of its namespace. */
export interface ClusterWorkloads {
  cluster: string;
  contexts: WorkloadContext[];
  /** Set when the cluster could not be read; contexts is then empty. */
  error?: string;
}

export interface WorkloadReader {
  read(entity: Entity): Promise<ClusterWorkloads[]>;
}

// The kubernetes backend groups objects by plural type and list items carry no `kind`.
const WORKLOAD_TYPES: Record<string, string> = {
  deployments: 'Deployment',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  cronjobs: 'CronJob',
  jobs: 'Job',
  replicasets: 'ReplicaSet',
  pods: 'Pod',
};

const NAMESPACE_OBJECTS = {
  horizontalPodAutoscalers:
    'apis/autoscaling/v2/namespaces/{ns}/horizontalpodautoscalers',
  podDisruptionBudgets: 'apis/policy/v1/namespaces/{ns}/poddisruptionbudgets',
  networkPolicies: 'apis/networking.k8s.io/v1/namespaces/{ns}/networkpolicies',
} as const;

/**
 * Default limit of one read when a page waits for it: well above a loaded CI machine's listing
 * time (1.5 s flaked there), well below a browser's patience.
 */
export const DEFAULT_READ_TIMEOUT_MS = 5_000;

/**
 * Reads an entity's workloads through the kubernetes backend itself, so cluster locators, auth
 * providers and the entity's label selection are exactly the Kubernetes tab's. Namespace-wide
 * objects (PDBs, network policies) carry no entity label, so they come through its proxy.
 */
export class KubernetesWorkloadReader implements WorkloadReader {
  /**
   * @param timeoutMs - limit of each request, body included: a hung cluster behind the kubernetes
   * backend makes its request hang, and a page must answer with that error instead.
   */
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
    private readonly timeoutMs: number = DEFAULT_READ_TIMEOUT_MS,
  ) {}

  async read(entity: Entity): Promise<ClusterWorkloads[]> {
    const baseUrl = await this.discovery.getBaseUrl('kubernetes');
    const headers = await this.headers();
    const body = await this.fetchJson<ObjectsByEntityResponse>(
      `${baseUrl}/services/${encodeURIComponent(entity.metadata.name)}`,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ entity }),
      },
    ).catch(error => {
      if (error.name === 'TimeoutError') {
        throw new ServiceUnavailableError(
          `the kubernetes backend did not list the workloads of ${entity.metadata.name} within ${this.timeoutMs} ms (a cluster is not answering)`,
        );
      }
      throw error;
    });

    return Promise.all(
      body.items.map(async item => {
        const cluster = item.cluster.name;
        const workloads = item.resources.flatMap(r =>
          WORKLOAD_TYPES[r.type]
            ? (r.resources as KubeObject[])
                .map(o => ({ ...o, kind: WORKLOAD_TYPES[r.type] }))
                .filter(isTopLevel)
            : [],
        );
        if (workloads.length === 0 && item.errors.length > 0) {
          return { cluster, contexts: [], error: describeErrors(item.errors) };
        }
        try {
          const namespaces = new Map<string, WorkloadContext['namespace']>();
          for (const ns of new Set(workloads.map(w => w.metadata.namespace!))) {
            namespaces.set(
              ns,
              await this.namespaceObjects(baseUrl, cluster, ns),
            );
          }
          return {
            cluster,
            contexts: workloads.map(workload => ({
              workload,
              namespace: namespaces.get(workload.metadata.namespace!)!,
            })),
          };
        } catch (e) {
          return { cluster, contexts: [], error: (e as Error).message };
        }
      }),
    );
  }

  private async namespaceObjects(
    baseUrl: string,
    cluster: string,
    ns: string,
  ): Promise<WorkloadContext['namespace']> {
    const headers = {
      ...(await this.headers()),
      'Backstage-Kubernetes-Cluster': cluster,
    };
    const entries = await Promise.all(
      Object.entries(NAMESPACE_OBJECTS).map(async ([key, path]) => {
        const url = `${baseUrl}/proxy/${path.replace(
          '{ns}',
          encodeURIComponent(ns),
        )}`;
        const list = await this.fetchJson<{ items?: KubeObject[] }>(url, {
          headers,
        }).catch(error => {
          throw error.name === 'TimeoutError'
            ? new Error(
                `cluster ${cluster} did not answer within ${this.timeoutMs} ms`,
              )
            : error;
        });
        return [key, list.items ?? []] as const;
      }),
    );
    return Object.fromEntries(entries) as WorkloadContext['namespace'];
  }

  /** A fetch whose time limit covers the body too, failing with a TimeoutError. */
  private async fetchJson<T>(url: string, init: RequestInit): Promise<T> {
    const res = await fetch(url, {
      ...init,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }

  private async headers(): Promise<Record<string, string>> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'kubernetes',
    });
    return { authorization: `Bearer ${token}` };
  }
}

/** Objects created by a controller are judged through their owner (the Deployment, not its pods). */
function isTopLevel(
  obj: KubeObject & { metadata: { ownerReferences?: unknown[] } },
) {
  return !obj.metadata.ownerReferences?.length;
}

function describeErrors(
  errors: ObjectsByEntityResponse['items'][number]['errors'],
) {
  const first = errors[0] as {
    errorType: string;
    message?: string;
    statusCode?: number;
  };
  const detail =
    first.message ?? (first.statusCode ? `HTTP ${first.statusCode}` : '');
  return `${first.errorType}${detail ? `: ${detail}` : ''}`;
}
