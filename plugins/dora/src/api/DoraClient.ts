import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ApiRequest, createApiRequest } from '@internal/portal-react';
import type { ListedDeployment } from '@internal/plugin-dora-common';
import type {
  CoverageResponse,
  DeploymentsQuery,
  DoraApi,
  MetricsQuery,
  MetricsResponse,
  TeamMetricsQuery,
  TeamMetricsResponse,
} from './types';

/**
 * Talks to the DORA backend through the app's fetchApi, so requests carry
 * the user's Backstage token.
 *
 * @public
 */
export class DoraClient implements DoraApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly request: ApiRequest;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.request = createApiRequest({ ...options, pluginId: 'dora' });
  }

  async getMetrics(query: MetricsQuery = {}): Promise<MetricsResponse> {
    return this.request<MetricsResponse>('/metrics', {
      query: {
        entityRef: query.entityRef,
        group: query.group,
        system: query.system,
        environment: query.environment,
        window: query.window,
        from: query.from,
        to: query.to,
        bucket: query.bucket,
      },
    });
  }

  async getTeamMetrics(
    query: TeamMetricsQuery = {},
  ): Promise<TeamMetricsResponse> {
    return this.request<TeamMetricsResponse>('/metrics/teams', {
      query: {
        environment: query.environment,
        window: query.window,
        from: query.from,
        to: query.to,
        bucket: query.bucket,
      },
    });
  }

  async listDeployments(
    query: DeploymentsQuery = {},
  ): Promise<ListedDeployment[]> {
    const body = await this.request<{ items: ListedDeployment[] }>(
      '/deployments',
      {
        query: {
          entityRef: query.entityRef,
          environment: query.environment,
          from: query.from,
          to: query.to,
          limit: query.limit === undefined ? undefined : String(query.limit),
        },
      },
    );
    return body.items;
  }

  async getCoverage(): Promise<CoverageResponse> {
    return this.request<CoverageResponse>('/coverage');
  }

  async coverageUrl(): Promise<string> {
    return `${await this.discoveryApi.getBaseUrl('dora')}/coverage`;
  }
}
