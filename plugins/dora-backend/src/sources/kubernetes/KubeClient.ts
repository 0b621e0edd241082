import http from 'node:http';
import https from 'node:https';
import { ResponseError } from '@backstage/errors';
import { ClusterConnection, clusterCa } from '@internal/portal-node';

/** One cluster the rollout observer watches, as the kubernetes plugin's config describes it. */
export type ClusterTarget = ClusterConnection & {
  /** The DORA environment of this cluster's deployments. */
  environment: string;
};

export type WatchEvent<T> = {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
};

/** How long a GET (body included), or a watch's response headers, may take by default. */
export const DEFAULT_KUBE_TIMEOUT_MS = 10_000;

/**
 * The two calls the observer needs — GET and a streaming watch — over node's http(s), so a
 * cluster's own CA and skipTLSVerify apply per cluster. Both have a time limit: a cluster that
 * accepts the connection and never answers would otherwise stall the observer for good,
 * without a log line or a retry.
 */
export class KubeClient {
  constructor(
    private readonly target: ClusterTarget,
    private readonly timeoutMs: number = DEFAULT_KUBE_TIMEOUT_MS,
  ) {}

  get name() {
    return this.target.name;
  }

  async get<T>(path: string, signal?: AbortSignal): Promise<T> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const both = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let res: http.IncomingMessage;
    let body: string;
    try {
      res = await this.request(path, both);
      body = await readAll(res);
    } catch (error) {
      throw timeout.aborted && !signal?.aborted ? this.timedOut(path) : error;
    }
    if ((res.statusCode ?? 500) >= 300) {
      throw await ResponseError.fromResponse(
        new Response(body, { status: res.statusCode }),
      );
    }
    return JSON.parse(body) as T;
  }

  /** Calls onEvent for each watch event until the server ends the stream or signal aborts. */
  async watch<T>(
    path: string,
    onEvent: (event: WatchEvent<T>) => Promise<void>,
    signal: AbortSignal,
  ): Promise<void> {
    // Only the response headers are timed: a watch then streams for as long as it lasts.
    const headers = new AbortController();
    const timer = setTimeout(() => headers.abort(), this.timeoutMs);
    let res: http.IncomingMessage;
    try {
      res = await this.request(path, AbortSignal.any([signal, headers.signal]));
    } catch (error) {
      throw headers.signal.aborted && !signal.aborted
        ? this.timedOut(path)
        : error;
    } finally {
      clearTimeout(timer);
    }
    if ((res.statusCode ?? 500) >= 300) {
      const body = await readAll(res);
      throw await ResponseError.fromResponse(
        new Response(body, { status: res.statusCode }),
      );
    }
    res.setEncoding('utf8');
    let buffered = '';
    for await (const chunk of res) {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line) await onEvent(JSON.parse(line));
        newline = buffered.indexOf('\n');
      }
    }
  }

  private timedOut(path: string): Error {
    return new Error(
      `cluster ${this.target.name} did not answer GET ${
        path.split('?')[0]
      } within ${this.timeoutMs} ms`,
    );
  }

  private request(
    path: string,
    signal?: AbortSignal,
  ): Promise<http.IncomingMessage> {
    const url = new URL(path, this.target.url.replace(/\/?$/, '/'));
    const secure = url.protocol === 'https:';
    const ca = secure ? clusterCa(this.target) : undefined;
    const options: https.RequestOptions = {
      method: 'GET',
      headers: {
        accept: 'application/json',
        ...(this.target.token && {
          authorization: `Bearer ${this.target.token}`,
        }),
      },
      signal,
      ...(secure && {
        rejectUnauthorized: !this.target.skipTLSVerify,
        ...(ca && { ca }),
      }),
    };
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(url, options, resolve);
      req.on('error', reject);
      req.end();
    });
  }
}

async function readAll(res: http.IncomingMessage): Promise<string> {
  res.setEncoding('utf8');
  let body = '';
  for await (const chunk of res) body += chunk;
  return body;
}
