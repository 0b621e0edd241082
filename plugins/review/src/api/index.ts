export { ReviewClient } from './ReviewClient';
export { reviewApiRef } from './types';
export type {
  NewReviewItem,
  ReviewApi,
  ReviewItemPatch,
  ReviewResponse,
} from './types';
