/**
 * Frontend of the monthly engineering review: the `/review` page.
 *
 * @packageDocumentation
 */
export { reviewPlugin as default } from './plugin';
export {
  ReviewClient,
  reviewApiRef,
  type ReviewApi,
  type ReviewResponse,
} from './api';
