import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  GoldenPathDrift,
  GoldenPathTemplate,
  GoldenPathUpgradeStarted,
} from '@internal/plugin-golden-paths-common';
import type { GoldenPathFilter, GoldenPathsApi } from './types';

/** The golden-paths backend through the app's fetchApi (the user's token). @public */
export class GoldenPathsClient implements GoldenPathsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl('golden-paths');
    const response = await this.options.fetchApi.fetch(`${base}${path}`, init);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  getService(entityRef: string) {
    return this.request<GoldenPathDrift>(
      `/service?${new URLSearchParams({ entityRef })}`,
    );
  }

  async listServices(filter: GoldenPathFilter = {}) {
    const query = new URLSearchParams();
    if (filter.template) query.set('template', filter.template);
    if (filter.version) query.set('version', filter.version);
    if (filter.owner) query.set('owner', filter.owner);
    if (filter.behind !== undefined) query.set('behind', String(filter.behind));
    const qs = query.toString();
    return (
      await this.request<{ items: GoldenPathDrift[] }>(
        `/services${qs ? `?${qs}` : ''}`,
      )
    ).items;
  }

  async listTemplates() {
    return (await this.request<{ items: GoldenPathTemplate[] }>('/templates'))
      .items;
  }

  upgrade(
    entityRef: string,
    options: { toVersion?: string; answers?: Record<string, unknown> } = {},
  ) {
    return this.request<GoldenPathUpgradeStarted>('/upgrade', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entityRef, ...options }),
    });
  }
}
