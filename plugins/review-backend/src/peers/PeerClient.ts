import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError, ServiceUnavailableError } from '@backstage/errors';

/** What asking another plugin's HTTP API needs: where it is and a token for it. */
export interface PeerClientOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  /** Per request; a hung peer must not hang the review. */
  timeoutMs?: number;
}

/**
 * GETs JSON from another backend plugin's HTTP API as this plugin (service-to-service
 * auth), so the review reads exactly what the plugin's own pages read.
 */
export class PeerClient {
  private readonly timeoutMs: number;

  constructor(private readonly options: PeerClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** The parsed body, or `undefined` on 404 when `allowMissing` (a plugin not installed). */
  async get<T>(
    pluginId: string,
    path: string,
    query: Record<string, string | number | undefined> = {},
    allowMissing = false,
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
    let res: Response;
    try {
      res = await fetch(`${base}${path}${qs ? `?${qs}` : ''}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      // Unreachable or too slow: the review cannot be computed now, which is not a bug here.
      throw new ServiceUnavailableError(
        `${pluginId}: ${path} did not answer (${(e as Error).message})`,
      );
    }
    if (allowMissing && res.status === 404) return undefined;
    if (!res.ok) {
      const error = await ResponseError.fromResponse(res);
      throw new ServiceUnavailableError(
        `${pluginId}: ${path} answered ${res.status}: ${
          error.body?.error?.message ?? error.message
        }`,
      );
    }
    return (await res.json()) as T;
  }
}
