import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError, ServiceUnavailableError } from '@backstage/errors';

/**
 * `fetch` with a time limit that covers the body too (the signal stays armed while the caller
 * reads it). A dependency that does not answer in time, or cannot be reached, is a 503 naming
 * `what` and the limit, never a request that hangs.
 */
export async function fetchWithTimeout(
  url: string,
  init: RequestInit,
  options: { timeoutMs: number; what: string },
): Promise<Response> {
  try {
    return await fetch(url, {
      ...init,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (e) {
    const error = e as Error;
    if (error.name === 'TimeoutError') {
      throw new ServiceUnavailableError(
        `${options.what} did not answer within ${options.timeoutMs} ms`,
      );
    }
    throw new ServiceUnavailableError(
      `${options.what} cannot be reached: ${
        (error.cause as Error | undefined)?.message ?? error.message
      }`,
    );
  }
}

/**
 * Reads another plugin's API as this plugin's own service identity (a plugin token per target),
 * as any other client would, so the other plugin's store stays its own. Every answer is bounded
 * by `timeoutMs`; an unreachable, slow or failing peer is a 503 naming the plugin and the path.
 */
export class PluginClient {
  private readonly timeoutMs: number;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      timeoutMs?: number;
    },
  ) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** GETs JSON; `allowMissing` turns a 404 into `undefined`. */
  async getJson<T>(
    pluginId: string,
    path: string,
    query: Record<string, string | number | undefined> = {},
    options: { allowMissing?: boolean } = {},
  ): Promise<T | undefined> {
    const { discovery, auth } = this.options;
    const base = await discovery.getBaseUrl(pluginId);
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined) params.set(k, String(v));
    }
    const qs = params.toString();
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: pluginId,
    });
    const what = `${pluginId}: ${path}`;
    const res = await fetchWithTimeout(
      `${base}${path}${qs ? `?${qs}` : ''}`,
      {
        headers: {
          authorization: `Bearer ${token}`,
          // Plugins answer each other over loopback: the backend's compression would cost
          // both processes zlib time on every large answer (fetch asks for gzip by default).
          'accept-encoding': 'identity',
        },
      },
      { timeoutMs: this.timeoutMs, what },
    );
    if (options.allowMissing && res.status === 404) return undefined;
    if (!res.ok) {
      const error = await ResponseError.fromResponse(res);
      throw new ServiceUnavailableError(
        `${what} answered ${res.status}: ${
          error.body?.error?.message ?? error.message
        }`,
      );
    }
    try {
      return (await res.json()) as T;
    } catch (e) {
      const error = e as Error;
      throw new ServiceUnavailableError(
        error.name === 'TimeoutError'
          ? `${what} did not answer within ${this.timeoutMs} ms`
          : `${what} answered with a body that is not JSON: ${error.message}`,
      );
    }
  }

  /** GETs JSON that must exist (a 404 is a 503 like any other failure). */
  async get<T>(
    pluginId: string,
    path: string,
    query: Record<string, string | number | undefined> = {},
  ): Promise<T> {
    return (await this.getJson<T>(pluginId, path, query))!;
  }
}
