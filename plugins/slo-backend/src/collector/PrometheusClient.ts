import {
  InputError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';

/** One series of a range query result: label set and `[epochSeconds, value]` pairs. */
export interface RangeSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

export interface PrometheusClientOptions {
  baseUrl: string;
  /** Sent as the `Authorization` header; never part of a message or log line. */
  authorization?: string;
  timeoutMs?: number;
}

type QueryRangeResponse = {
  status: 'success' | 'error';
  error?: string;
  data?: { resultType: string; result: RangeSeries[] };
};

/** Prometheus HTTP API, only what the collector needs; counts every request it sends. */
export class PrometheusClient {
  private sent = 0;
  private readonly endpoint: string;
  private readonly basicAuth?: string;
  /** The base URL without credentials, safe for messages. */
  readonly displayUrl: string;

  constructor(private readonly options: PrometheusClientOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new InputError(
        'slo.prometheus.baseUrl: must be an absolute http(s) URL',
      );
    }
    // fetch refuses URLs with credentials: they become a Basic header instead.
    if (url.username && !options.authorization) {
      this.basicAuth = `Basic ${Buffer.from(
        `${decodeURIComponent(url.username)}:${decodeURIComponent(
          url.password,
        )}`,
      ).toString('base64')}`;
    }
    url.username = '';
    url.password = '';
    this.displayUrl = url.toString().replace(/\/$/, '');
    this.endpoint = `${this.displayUrl}/api/v1/query_range`;
  }

  /** HTTP requests sent so far, retries included. */
  get requestCount(): number {
    return this.sent;
  }

  /**
   * Range query, POSTed because batched queries outgrow URL limits.
   *
   * @throws InputError when Prometheus rejects the query (bad PromQL),
   * ServiceUnavailableError when it cannot answer (down, overloaded, timeout),
   * NotAllowedError when the credentials are refused.
   */
  async queryRange(
    query: string,
    start: number,
    end: number,
    step: number,
  ): Promise<RangeSeries[]> {
    this.sent++;
    const body = new URLSearchParams({
      query,
      start: String(start),
      end: String(end),
      step: String(step),
    });
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
    };
    const authorization = this.options.authorization ?? this.basicAuth;
    if (authorization) {
      headers.authorization = authorization;
    }
    let res: Response;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (e) {
      throw new ServiceUnavailableError(
        `Prometheus at ${this.displayUrl} is unreachable: ${
          (e as Error).cause ? String((e as Error).cause) : (e as Error).message
        }`,
      );
    }
    let json: QueryRangeResponse | undefined;
    try {
      json = (await res.json()) as QueryRangeResponse;
    } catch {
      json = undefined;
    }
    if (res.ok && json?.status === 'success' && json.data) {
      if (json.data.resultType !== 'matrix') {
        throw new InputError(
          `Prometheus answered a range query with ${json.data.resultType}, expected matrix`,
        );
      }
      return json.data.result;
    }
    const detail = json?.error ?? `HTTP ${res.status}`;
    if (res.status === 401 || res.status === 403) {
      throw new NotAllowedError(
        `Prometheus at ${this.displayUrl} refused the credentials (HTTP ${res.status})`,
      );
    }
    if (res.status === 400 || res.status === 422) {
      throw new InputError(`Prometheus rejected the query: ${detail}`);
    }
    throw new ServiceUnavailableError(
      `Prometheus at ${this.displayUrl} failed: ${detail}`,
    );
  }
}
