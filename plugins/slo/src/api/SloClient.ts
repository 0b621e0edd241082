import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ApiRequest, createApiRequest } from '@internal/portal-react';
import type {
  DeployGateDecision,
  EntitySlos,
  SloApi,
  SloDetail,
  SloList,
  SloListFilter,
  SloMonth,
  SloWithState,
} from './types';

/**
 * Talks to the SLO backend through the app's fetchApi, so requests carry the
 * user's Backstage token.
 *
 * @public
 */
export class SloClient implements SloApi {
  private readonly request: ApiRequest;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.request = createApiRequest({ ...options, pluginId: 'slo' });
  }

  async listSlos(filter: SloListFilter = {}): Promise<SloWithState[]> {
    return (await this.listSlosWithErrors(filter)).items;
  }

  async listSlosWithErrors(filter: SloListFilter = {}): Promise<SloList> {
    const { owner, system, entityRef, status, sort } = filter;
    const body = await this.request<Partial<SloList>>('/slos', {
      query: { owner, system, entityRef, status, sort },
    });
    return { items: body.items ?? [], errors: body.errors ?? [] };
  }

  async getSlo(
    id: string,
    options: { resolution?: string } = {},
  ): Promise<SloDetail> {
    return this.request<SloDetail>('/slo', {
      query: {
        id,
        resolution: options.resolution,
      },
    });
  }

  async getMonth(
    month: string,
    filter: Pick<SloListFilter, 'owner' | 'system' | 'entityRef'> = {},
  ): Promise<SloMonth> {
    const { owner, system, entityRef } = filter;
    return this.request<SloMonth>('/slos/month', {
      query: { month, owner, system, entityRef },
    });
  }

  async getEntity(entityRef: string): Promise<EntitySlos> {
    return this.request<EntitySlos>('/entity', { query: { entityRef } });
  }

  async getGate(
    entityRef: string,
    options: { changeType?: string } = {},
  ): Promise<DeployGateDecision> {
    return this.request<DeployGateDecision>('/gate', {
      query: {
        entityRef,
        changeType: options.changeType,
      },
    });
  }
}
