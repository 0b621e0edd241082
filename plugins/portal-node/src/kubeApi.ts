import http from 'node:http';
import https from 'node:https';
import { ClusterConnection, clusterCa } from './clusters';

/** Query parameters of a Kubernetes API call; undefined ones are left out. */
export type KubeQuery = Record<string, string | number | boolean | undefined>;

/** One event of a watch, as the API server streams it. */
export interface KubeWatchEvent<T> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

/** What a list answers with: its items and the version to watch from. */
export interface KubeListResult<T> {
  metadata: { resourceVersion: string };
  items: T[];
}

/**
 * A cluster's answer other than 2xx: `code` is the HTTP status, `status` the API's Status
 * object when the body was one. The message names the cluster and the call.
 */
export class KubeApiError extends Error {
  override name = 'KubeApiError';

  constructor(
    message: string,
    readonly code: number,
    readonly status?: { message?: string; reason?: string },
  ) {
    super(message);
  }
}

/** A call the cluster did not answer within the time limit: names the cluster, call and limit. */
export class KubeTimeoutError extends Error {
  override name = 'KubeTimeoutError';
}

/** The size of a list page: small enough that one page of pods is a few MB of JSON. */
const PAGE_SIZE = 500;

/**
 * The few Kubernetes API calls the portal's watchers make (list page by page, watch), over
 * node:http with one cluster's URL, token and CA: the API's own JSON, no typed models. The
 * general client (`@kubernetes/client-node`) costs the backend tens of MB of loaded code and
 * source maps and turns every object into a model and back; these calls need neither.
 *
 * A list is bounded by `timeoutMs` from request to last byte; a watch by `timeoutMs` until its
 * response headers (its stream then lasts as long as the server keeps it open). The CA is read
 * when the client is made: an unreadable caFile throws then, naming the cluster and the file.
 */
export class KubeApi {
  private readonly agent: http.Agent;
  private readonly base: string;

  constructor(
    readonly cluster: ClusterConnection,
    private readonly options: { timeoutMs?: number } = {},
  ) {
    this.base = cluster.url.replace(/\/+$/, '');
    const ca = clusterCa(cluster);
    this.agent = this.base.startsWith('https:')
      ? new https.Agent({
          keepAlive: true,
          ca,
          rejectUnauthorized: !cluster.skipTLSVerify,
        })
      : new http.Agent({ keepAlive: true });
  }

  get timeoutMs(): number {
    return this.options.timeoutMs ?? 30_000;
  }

  /** Releases the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  /**
   * Lists every object at `path` (a collection, e.g. `/api/v1/pods`), page by page; `onPage`
   * sees each page's items as they arrive, so a caller need not hold the whole list. Returns the
   * items when no `onPage` is given, and the resourceVersion to watch from.
   */
  async list<T>(
    path: string,
    query: KubeQuery = {},
    options: {
      signal?: AbortSignal;
      onPage?: (items: T[]) => void;
      pageSize?: number;
    } = {},
  ): Promise<KubeListResult<T>> {
    const items: T[] = [];
    let continueToken: string | undefined;
    let resourceVersion = '';
    do {
      const page = await this.getJson<{
        metadata?: { resourceVersion?: string; continue?: string };
        items?: T[];
      }>(
        path,
        {
          ...query,
          limit: options.pageSize ?? PAGE_SIZE,
          continue: continueToken,
        },
        options.signal,
      );
      if (options.onPage) options.onPage(page.items ?? []);
      else items.push(...(page.items ?? []));
      continueToken = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion ?? '';
    } while (continueToken);
    return { metadata: { resourceVersion }, items };
  }

  /** One GET of a JSON answer, bounded by the time limit from request to last byte. */
  async getJson<T>(
    path: string,
    query: KubeQuery = {},
    signal?: AbortSignal,
  ): Promise<T> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const res = await this.request(path, query, both);
      const body = await readBody(res);
      if (res.statusCode !== 200) throw this.refused(path, res, body);
      return JSON.parse(body) as T;
    } catch (error) {
      if (timeout.aborted && !signal?.aborted) throw this.timedOut(path);
      throw error;
    }
  }

  /**
   * Watches `path` from `query.resourceVersion`: calls `onEvent` for each event, one at a time and
   * in order (the next is read when the returned promise settles), until the server ends the
   * stream (resolves), `onEvent` throws (rejects with that error) or `signal` aborts (rejects
   * with its reason, at once, even while waiting for headers).
   */
  async watch<T>(
    path: string,
    query: KubeQuery,
    onEvent: (event: KubeWatchEvent<T>) => void | Promise<void>,
    signal: AbortSignal,
  ): Promise<void> {
    signal.throwIfAborted();
    // The limit ends with the headers: a watch's stream is meant to stay open.
    const headers = new AbortController();
    const timer = setTimeout(() => headers.abort(), this.timeoutMs);
    let res: http.IncomingMessage;
    try {
      res = await this.request(
        path,
        { ...query, watch: true },
        AbortSignal.any([signal, headers.signal]),
      );
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (headers.signal.aborted) throw this.timedOut(path);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    if (res.statusCode !== 200) {
      throw this.refused(path, res, await readBody(res).catch(() => ''));
    }
    let pending = '';
    try {
      for await (const chunk of res) {
        pending += chunk;
        let newline = pending.indexOf('\n');
        while (newline >= 0) {
          const line = pending.slice(0, newline).trim();
          pending = pending.slice(newline + 1);
          if (line) await onEvent(JSON.parse(line) as KubeWatchEvent<T>);
          newline = pending.indexOf('\n');
        }
      }
    } catch (error) {
      res.destroy();
      if (signal.aborted) throw signal.reason;
      throw error;
    }
    if (signal.aborted) throw signal.reason;
    if (pending.trim()) {
      await onEvent(JSON.parse(pending) as KubeWatchEvent<T>);
    }
  }

  private request(
    path: string,
    query: KubeQuery,
    signal: AbortSignal,
  ): Promise<http.IncomingMessage> {
    const url = new URL(`${this.base}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const send = url.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = send(url, {
        agent: this.agent,
        signal,
        headers: {
          accept: 'application/json',
          ...(this.cluster.token
            ? { authorization: `Bearer ${this.cluster.token}` }
            : {}),
        },
      });
      req.once('response', res => {
        res.setEncoding('utf8');
        resolve(res);
      });
      req.once('error', reject);
      req.end();
    });
  }

  private refused(
    path: string,
    res: http.IncomingMessage,
    body: string,
  ): KubeApiError {
    let status: { message?: string; reason?: string } | undefined;
    try {
      const parsed = JSON.parse(body);
      if (parsed?.kind === 'Status') status = parsed;
    } catch {
      // not JSON: the status line says enough
    }
    const code = res.statusCode ?? 0;
    return new KubeApiError(
      `cluster ${this.cluster.name} answered GET ${path} with ${code} ${
        res.statusMessage ?? ''
      }${status?.message ? `: ${status.message}` : ''}`.trimEnd(),
      code,
      status,
    );
  }

  private timedOut(path: string): KubeTimeoutError {
    return new KubeTimeoutError(
      `cluster ${this.cluster.name} did not answer GET ${path} within ${this.timeoutMs} ms`,
    );
  }
}

async function readBody(res: http.IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of res) body += chunk;
  return body;
}
