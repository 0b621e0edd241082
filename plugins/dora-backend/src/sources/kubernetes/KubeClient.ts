import { ServiceUnavailableError } from '@backstage/errors';
import {
  ClusterConnection,
  KubeApi,
  KubeApiError,
  KubeTimeoutError,
} from '@internal/portal-node';
import type { KubeObject } from './rolloutDeployment';

/** One cluster the rollout observer watches, as the kubernetes plugin's config describes it. */
export type ClusterTarget = ClusterConnection & {
  /** The DORA environment of this cluster's deployments. */
  environment: string;
};

export type WatchEvent<T> = {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
};

/** A list as the API sends it: what the observer reads of it. */
export type KubeList = {
  metadata: { resourceVersion: string };
  items: KubeObject[];
};

/** How long a list (body included), or a watch's response headers, may take by default. */
const DEFAULT_KUBE_TIMEOUT_MS = 10_000;

const DEPLOYMENTS = '/apis/apps/v1/deployments';

/**
 * The observer's calls to one cluster (its CA, token and skipTLSVerify): list Deployments or one
 * namespace's ReplicaSets, watch Deployments. Both have a time limit: a cluster that accepts the
 * connection and never answers would otherwise stall the observer for good, without a log line
 * or a retry. The cluster's CA is read when the client is made (the observer makes one per list
 * and watch, so a rotated CA file is picked up). A cluster's refusal or silence is a 503 naming
 * the cluster and the call.
 */
export class KubeClient {
  private readonly api: KubeApi;

  constructor(
    target: ClusterTarget,
    timeoutMs: number = DEFAULT_KUBE_TIMEOUT_MS,
  ) {
    this.api = new KubeApi(target, { timeoutMs });
  }

  listDeployments(
    labelSelector: string,
    signal?: AbortSignal,
  ): Promise<KubeList> {
    return unavailable(
      this.api.list<KubeObject>(DEPLOYMENTS, { labelSelector }, { signal }),
    );
  }

  listReplicaSets(
    namespace: string,
    labelSelector: string,
    signal?: AbortSignal,
  ): Promise<KubeList> {
    return unavailable(
      this.api.list<KubeObject>(
        `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/replicasets`,
        { labelSelector },
        { signal },
      ),
    );
  }

  /** Every ReplicaSet of the cluster, a page at a time, for a first list's many Deployments. */
  async listAllReplicaSets(
    signal: AbortSignal,
    onPage: (items: KubeObject[]) => void,
  ): Promise<void> {
    await unavailable(
      this.api.list<KubeObject>(
        '/apis/apps/v1/replicasets',
        {},
        {
          signal,
          onPage,
        },
      ),
    );
  }

  /**
   * Calls onEvent for each event of a watch of Deployments, one at a time and in order, until
   * the server ends the stream (after `timeoutSeconds`), onEvent throws or signal aborts.
   */
  watchDeployments(
    query: {
      labelSelector: string;
      resourceVersion: string;
      timeoutSeconds: number;
    },
    onEvent: (event: WatchEvent<KubeObject>) => Promise<void>,
    signal: AbortSignal,
  ): Promise<void> {
    return unavailable(
      this.api.watch<KubeObject>(
        DEPLOYMENTS,
        { ...query, allowWatchBookmarks: true },
        onEvent,
        signal,
      ),
    );
  }

  /** Releases the client's kept-alive connections. */
  close(): void {
    this.api.close();
  }
}

/** A cluster that refused or did not answer is unavailable; other errors stay as they are. */
async function unavailable<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof KubeApiError || error instanceof KubeTimeoutError) {
      throw new ServiceUnavailableError(error.message);
    }
    throw error;
  }
}
