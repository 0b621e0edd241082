import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ActionState,
  Review,
  ReviewItem,
} from '@internal/plugin-review-common';

/** A month's review as `GET /api/review` answers it. */
export interface ReviewResponse extends Review {
  items: ReviewItem[];
  previousActions: ReviewItem[];
}

/** What a lead adds to a row. */
export interface NewReviewItem {
  month: string;
  rowRef: string;
  kind: 'note' | 'action';
  text: string;
  owner?: string;
  dueDate?: string;
}

/** What a lead changes on an item. */
export interface ReviewItemPatch {
  text?: string;
  owner?: string;
  dueDate?: string;
  state?: ActionState;
}

/**
 * The review backend, as the page uses it.
 *
 * @public
 */
export interface ReviewApi {
  getReview(query: { month?: string; scope?: string }): Promise<ReviewResponse>;
  addItem(item: NewReviewItem): Promise<ReviewItem>;
  updateItem(id: string, patch: ReviewItemPatch): Promise<ReviewItem>;
}

/** @public */
export const reviewApiRef = createApiRef<ReviewApi>({ id: 'plugin.review' });
