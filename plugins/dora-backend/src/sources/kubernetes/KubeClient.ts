import { ServiceUnavailableError } from '@backstage/errors';
import { ClusterConnection, kubeConfigOptions } from '@internal/portal-node';
import type * as K8s from '@kubernetes/client-node';
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
 * The observer's calls through `@kubernetes/client-node`, with one cluster's CA, token and
 * skipTLSVerify: list Deployments or one namespace's ReplicaSets, watch Deployments. Both have a
 * time limit: a cluster that accepts the connection and never answers would otherwise stall the
 * observer for good, without a log line or a retry. The cluster's CA is read when the client is
 * made (the observer makes one per list and watch, so a rotated CA file is picked up).
 */
export class KubeClient {
  private readonly k8s: typeof K8s;
  private readonly kc: K8s.KubeConfig;
  private readonly apps: K8s.AppsV1Api;

  constructor(
    private readonly target: ClusterTarget,
    private readonly timeoutMs: number = DEFAULT_KUBE_TIMEOUT_MS,
  ) {
    // Loaded when the observer starts, as the conformance watcher does: the client is large and
    // the backend starts without it. require, not import(): Jest's VM cannot run a dynamic
    // import of an ES module, and Node 22 requires ES modules.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.k8s = require('@kubernetes/client-node');
    this.kc = kubeConfig(this.k8s, target, timeoutMs);
    this.apps = this.kc.makeApiClient(this.k8s.AppsV1Api);
  }

  listDeployments(
    labelSelector: string,
    signal?: AbortSignal,
  ): Promise<KubeList> {
    return this.list(DEPLOYMENTS, signal, options =>
      this.apps.listDeploymentForAllNamespaces({ labelSelector }, options),
    );
  }

  listReplicaSets(
    namespace: string,
    labelSelector: string,
    signal?: AbortSignal,
  ): Promise<KubeList> {
    return this.list(
      `/apis/apps/v1/namespaces/${namespace}/replicasets`,
      signal,
      options =>
        this.apps.listNamespacedReplicaSet(
          { namespace, labelSelector },
          options,
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
    return new Promise((resolve, reject) => {
      let controller: AbortController | undefined;
      let settled = false;
      let handled = Promise.resolve();
      // The library's request takes no signal: stopping settles at once and aborts the stream
      // once the library hands it over.
      function onAbort() {
        settle(signal.reason);
      }
      function settle(error?: unknown) {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        controller?.abort();
        if (error === undefined) resolve();
        else reject(error);
      }
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort);
      new this.k8s.Watch(this.kc)
        .watch(
          DEPLOYMENTS,
          query,
          (type: string, object: KubeObject) => {
            // The library reads the stream without waiting for the callback; the chain keeps
            // observing one event after another, as the observer expects.
            const event = { type, object } as WatchEvent<KubeObject>;
            handled = handled
              .then(() => (settled ? undefined : onEvent(event)))
              .catch(settle);
          },
          (error: unknown) => {
            if (error) settle(this.failed(DEPLOYMENTS, error));
            else handled.then(() => settle());
          },
        )
        .then(
          c => {
            controller = c;
            if (settled) c.abort();
          },
          error => settle(this.failed(DEPLOYMENTS, error)),
        );
    });
  }

  private async list(
    path: string,
    signal: AbortSignal | undefined,
    call: (options: K8s.ConfigurationOptions) => Promise<unknown>,
  ): Promise<KubeList> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      // The typed client turns timestamps into Dates; the watch streams them as the API's JSON
      // strings. A JSON round trip gives the observer that one form from both.
      return JSON.parse(JSON.stringify(await call(this.withSignal(both))));
    } catch (error) {
      if (timeout.aborted && !signal?.aborted) throw this.timedOut(path);
      throw this.failed(path, error);
    }
  }

  /** Options that set the request's signal, as the library's setHeaderOptions sets a header. */
  private withSignal(signal: AbortSignal): K8s.ConfigurationOptions {
    const { Observable } = this.k8s;
    return {
      middleware: [
        {
          pre: context => {
            context.setSignal(signal);
            return new Observable(Promise.resolve(context));
          },
          post: response => new Observable(Promise.resolve(response)),
        },
      ],
      middlewareMergeStrategy: 'append',
    };
  }

  private failed(path: string, error: unknown): Error {
    if (
      error instanceof this.k8s.FetchError &&
      error.type === 'request-timeout'
    ) {
      return this.timedOut(path);
    }
    const answer = statusOf(this.k8s, error);
    return answer
      ? new ServiceUnavailableError(
          `cluster ${this.target.name} answered GET ${path} with ${answer}`,
        )
      : (error as Error);
  }

  private timedOut(path: string): Error {
    return new ServiceUnavailableError(
      `cluster ${this.target.name} did not answer GET ${path} within ${this.timeoutMs} ms`,
    );
  }
}

/** A list's error keeps the API's Status; a watch's only the status code and its text. */
function statusOf(k8s: typeof K8s, error: unknown): string | undefined {
  if (error instanceof k8s.ApiException) {
    const body = error.body as { message?: string } | undefined;
    return `${error.code}${body?.message ? `: ${body.message}` : ''}`;
  }
  const code = (error as { statusCode?: number } | undefined)?.statusCode;
  return code ? `${code} ${(error as Error).message}` : undefined;
}

/**
 * A KubeConfig of one cluster and its service-account token. The CA goes in as base64, which is
 * how the library reads `caData`, whatever form (PEM, base64, a file) the config gave it in.
 */
function kubeConfig(
  k8s: typeof K8s,
  target: ClusterTarget,
  timeoutMs: number,
): K8s.KubeConfig {
  // A watch's request takes no signal; node-fetch's own timeout, which ends once the response
  // headers arrive, bounds how long it waits for them.
  class TimedKubeConfig extends k8s.KubeConfig {
    async applyToFetchOptions(
      opts: Parameters<K8s.KubeConfig['applyToFetchOptions']>[0],
    ) {
      return { ...(await super.applyToFetchOptions(opts)), timeout: timeoutMs };
    }
  }
  const kc = new TimedKubeConfig();
  kc.loadFromOptions(kubeConfigOptions(target, 'dora'));
  return kc;
}
