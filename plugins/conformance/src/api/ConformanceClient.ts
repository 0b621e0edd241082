import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  CheckDescriptor,
  EntityConformance,
} from '@internal/plugin-conformance-common';
import type {
  ConformanceApi,
  EntitySummary,
  EntitySummaryFilter,
} from './types';

/**
 * Talks to the conformance backend through the app's fetchApi, so requests
 * carry the user's Backstage token.
 *
 * @public
 */
export class ConformanceClient implements ConformanceApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getChecks(): Promise<CheckDescriptor[]> {
    const body = await this.request<{ items: CheckDescriptor[] }>('/checks');
    return body.items;
  }

  async listEntities(
    filter: EntitySummaryFilter = {},
  ): Promise<EntitySummary[]> {
    const query = new URLSearchParams();
    // The backend rejects empty strings (minLength: 1), so leave unset filters out.
    for (const key of ['owner', 'system', 'severity'] as const) {
      const value = filter[key];
      if (value) query.set(key, value);
    }
    const qs = query.toString();
    const body = await this.request<{ items: EntitySummary[] }>(
      `/entities${qs ? `?${qs}` : ''}`,
    );
    return body.items;
  }

  async getEntity(entityRef: string): Promise<EntityConformance> {
    const query = new URLSearchParams({ entityRef });
    return this.request<EntityConformance>(`/entity?${query}`);
  }

  async refresh(entityRef: string): Promise<EntityConformance> {
    return this.request<EntityConformance>('/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ entityRef }),
    });
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('conformance');
    const res = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  }
}
