import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ApiRequest, createApiRequest } from '@internal/portal-react';
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
  private readonly request: ApiRequest;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.request = createApiRequest({ ...options, pluginId: 'conformance' });
  }

  async getChecks(): Promise<CheckDescriptor[]> {
    const body = await this.request<{ items: CheckDescriptor[] }>('/checks');
    return body.items;
  }

  async listEntities(
    filter: EntitySummaryFilter = {},
  ): Promise<EntitySummary[]> {
    const { owner, system, severity } = filter;
    const body = await this.request<{ items: EntitySummary[] }>('/entities', {
      query: { owner, system, severity },
    });
    return body.items;
  }

  async getEntity(entityRef: string): Promise<EntityConformance> {
    return this.request<EntityConformance>('/entity', {
      query: { entityRef },
    });
  }

  async refresh(entityRef: string): Promise<EntityConformance> {
    return this.request<EntityConformance>('/refresh', {
      init: {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ entityRef }),
      },
    });
  }
}
