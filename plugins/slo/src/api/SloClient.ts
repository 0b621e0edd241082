import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  DeployGateDecision,
  EntitySlos,
  SloApi,
  SloDetail,
  SloList,
  SloListFilter,
  SloWithState,
} from './types';

/**
 * Talks to the SLO backend through the app's fetchApi, so requests carry the
 * user's Backstage token.
 *
 * @public
 */
export class SloClient implements SloApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listSlos(filter: SloListFilter = {}): Promise<SloWithState[]> {
    return (await this.listSlosWithErrors(filter)).items;
  }

  async listSlosWithErrors(filter: SloListFilter = {}): Promise<SloList> {
    const { owner, system, status, sort } = filter;
    const body = await this.request<Partial<SloList>>('/slos', {
      owner,
      system,
      status,
      sort,
    });
    return { items: body.items ?? [], errors: body.errors ?? [] };
  }

  async getSlo(
    id: string,
    options: { resolution?: string } = {},
  ): Promise<SloDetail> {
    return this.request<SloDetail>('/slo', {
      id,
      resolution: options.resolution,
    });
  }

  async getEntity(entityRef: string): Promise<EntitySlos> {
    return this.request<EntitySlos>('/entity', { entityRef });
  }

  async getGate(
    entityRef: string,
    options: { changeType?: string } = {},
  ): Promise<DeployGateDecision> {
    return this.request<DeployGateDecision>('/gate', {
      entityRef,
      changeType: options.changeType,
    });
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
    const baseUrl = await this.discoveryApi.getBaseUrl('slo');
    const res = await this.fetchApi.fetch(
      `${baseUrl}${path}${qs ? `?${qs}` : ''}`,
    );
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  }
}
