import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { ReviewItem } from '@internal/plugin-review-common';
import type {
  NewReviewItem,
  ReviewApi,
  ReviewItemPatch,
  ReviewResponse,
} from './types';

/**
 * Talks to the review backend through the app's fetchApi, so requests carry
 * the user's Backstage token.
 *
 * @public
 */
export class ReviewClient implements ReviewApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getReview(query: {
    month?: string;
    scope?: string;
  }): Promise<ReviewResponse> {
    const params = new URLSearchParams();
    // The backend rejects empty strings, so unset values are left out.
    if (query.month) params.set('month', query.month);
    if (query.scope) params.set('scope', query.scope);
    const qs = params.toString();
    return this.request<ReviewResponse>(qs ? `/?${qs}` : '/');
  }

  async addItem(item: NewReviewItem): Promise<ReviewItem> {
    return this.request<ReviewItem>('/items', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(item),
    });
  }

  async updateItem(id: string, patch: ReviewItemPatch): Promise<ReviewItem> {
    return this.request<ReviewItem>(`/items/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(patch),
    });
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('review');
    const res = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  }
}
