import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { EntityScorecard } from '@internal/plugin-scorecard-common';
import type {
  Campaign,
  CampaignInput,
  CampaignResponse,
  CampaignSummary,
  CheckWithLevel,
  EntityScorecardResponse,
  RollupResponse,
  ScorecardApi,
  ScorecardFilter,
} from './types';

/**
 * Talks to the scorecard backend through the app's fetchApi, so requests carry the user's
 * Backstage token.
 *
 * @public
 */
export class ScorecardClient implements ScorecardApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async getChecks(): Promise<CheckWithLevel[]> {
    return (await this.request<{ items: CheckWithLevel[] }>('/checks')).items;
  }

  async listCampaigns() {
    return (await this.request<{ items: CampaignSummary[] }>('/campaigns'))
      .items;
  }

  async getCampaign(id: number) {
    return this.request<CampaignResponse>(
      `/campaigns/${encodeURIComponent(String(id))}`,
    );
  }

  async createCampaign(input: CampaignInput): Promise<Campaign> {
    return this.request<Campaign>('/campaigns', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
  }

  async getSchedule(): Promise<string> {
    return (await this.request<{ schedule: string }>('/checks')).schedule;
  }

  async getEntity(entityRef: string) {
    const res = await this.fetch(
      `/entity?${new URLSearchParams({ entityRef })}`,
    );
    // Not evaluated yet is a state of the card, not an error.
    if (res.status === 404) return undefined;
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as EntityScorecardResponse;
  }

  async getRollup(scope: { group?: string; system?: string }) {
    const query = new URLSearchParams();
    if (scope.group) query.set('group', scope.group);
    if (scope.system) query.set('system', scope.system);
    return this.request<RollupResponse>(`/rollup?${query}`);
  }

  async listEntities(filter: ScorecardFilter = {}): Promise<EntityScorecard[]> {
    const query = new URLSearchParams();
    // The backend rejects empty strings (minLength: 1), so leave unset filters out.
    for (const key of ['owner', 'system', 'level'] as const) {
      const value = filter[key];
      if (value) query.set(key, value);
    }
    const qs = query.toString();
    return (
      await this.request<{ items: EntityScorecard[] }>(
        `/entities${qs ? `?${qs}` : ''}`,
      )
    ).items;
  }

  private async fetch(path: string, init?: RequestInit) {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('scorecard');
    return this.options.fetchApi.fetch(`${baseUrl}${path}`, init);
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const res = await this.fetch(path, init);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }
}
