import { ResponseError } from '@backstage/errors';

/** The parts of Backstage's `DiscoveryApi` and `FetchApi` a request needs. */
export interface ApiRequestOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
  /** The backend plugin the requests go to (`dora`, `slo`, …). */
  pluginId: string;
}

/** One JSON request to a backend plugin; see {@link createApiRequest}. */
export type ApiRequest = <T>(
  path: string,
  options?: {
    /** Unset and empty values are left out. */
    query?: Record<string, string | undefined>;
    init?: RequestInit;
  },
) => Promise<T>;

/**
 * The request every portal API client makes: the plugin's base URL from
 * discovery, the app's fetchApi (so the user's token goes along), and a
 * `ResponseError` for any non-2xx answer so the UI's error panels show the
 * backend's message.
 */
export function createApiRequest(options: ApiRequestOptions): ApiRequest {
  const { discoveryApi, fetchApi, pluginId } = options;
  return async <T>(
    path: string,
    request: {
      query?: Record<string, string | undefined>;
      init?: RequestInit;
    } = {},
  ): Promise<T> => {
    const query = new URLSearchParams();
    // The backends reject empty strings (minLength: 1), so unset parameters are left out.
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value) query.set(key, value);
    }
    const qs = query.toString();
    const baseUrl = await discoveryApi.getBaseUrl(pluginId);
    const res = await fetchApi.fetch(
      `${baseUrl}${path}${qs ? `?${qs}` : ''}`,
      request.init,
    );
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  };
}
