import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { ListedDeployment } from '@internal/plugin-dora-common';
import type {
  CoverageResponse,
  DeploymentsQuery,
  DoraApi,
  MetricsQuery,
  MetricsResponse,
} from './types';

/**
 * Talks to the DORA backend through the app's fetchApi, so requests carry
 * the user's Backstage token.
 *
 * @public
 */
export class DoraClient implements DoraApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getMetrics(query: MetricsQuery = {}): Promise<MetricsResponse> {
    return this.request<MetricsResponse>('/metrics', {
      entityRef: query.entityRef,
      group: query.group,
      system: query.system,
      environment: query.environment,
      window: query.window,
      bucket: query.bucket,
    });
  }

  async listDeployments(
    query: DeploymentsQuery = {},
  ): Promise<ListedDeployment[]> {
    const body = await this.request<{ items: ListedDeployment[] }>(
      '/deployments',
      {
        entityRef: query.entityRef,
        environment: query.environment,
        from: query.from,
        to: query.to,
        limit: query.limit === undefined ? undefined : String(query.limit),
      },
    );
    return body.items;
  }

  async getCoverage(): Promise<CoverageResponse> {
    return this.request<CoverageResponse>('/coverage', {});
  }

  async coverageUrl(): Promise<string> {
    return `${await this.discoveryApi.getBaseUrl('dora')}/coverage`;
  }

  private async request<T>(
    path: string,
    params: Record<string, string | undefined>,
  ): Promise<T> {
    const query = new URLSearchParams();
    // The backend rejects empty strings (minLength: 1), so leave unset parameters out.
    for (const [key, value] of Object.entries(params)) {
      if (value) query.set(key, value);
    }
    const qs = query.toString();
    const baseUrl = await this.discoveryApi.getBaseUrl('dora');
    const res = await this.fetchApi.fetch(
      `${baseUrl}${path}${qs ? `?${qs}` : ''}`,
    );
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  }
}
