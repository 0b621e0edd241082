import type { ReviewItem } from '@internal/plugin-review-common';
import type {
  NewReviewItem,
  ReviewApi,
  ReviewItemPatch,
  ReviewResponse,
} from '../api/types';
import { reviewResponse } from './fixtures';

/** An in-memory ReviewApi recording what the page asked for. */
export class FakeReviewApi implements ReviewApi {
  readonly queries: { month?: string; scope?: string }[] = [];
  readonly added: NewReviewItem[] = [];
  response: ReviewResponse = reviewResponse();
  error: Error | undefined;

  async getReview(query: { month?: string; scope?: string }) {
    this.queries.push(query);
    if (this.error) throw this.error;
    return {
      ...this.response,
      month: query.month ?? this.response.month,
      scope: query.scope ?? this.response.scope,
    };
  }

  async addItem(item: NewReviewItem): Promise<ReviewItem> {
    this.added.push(item);
    const stored: ReviewItem = {
      ...item,
      id: `i${this.added.length}`,
      team: item.rowRef,
      createdBy: 'user:default/guest',
      createdAt: '2026-11-02T10:00:00Z',
      updatedAt: '2026-11-02T10:00:00Z',
      ...(item.kind === 'action' ? { state: 'open' as const } : {}),
    };
    this.response = {
      ...this.response,
      items: [...this.response.items, stored],
    };
    return stored;
  }

  async updateItem(id: string, patch: ReviewItemPatch): Promise<ReviewItem> {
    const item = this.response.items.find(i => i.id === id)!;
    return { ...item, ...patch };
  }
}
