import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { ReviewClient } from './ReviewClient';
import { reviewApiRef } from './types';

export const reviewApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: reviewApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReviewClient({ discoveryApi, fetchApi }),
    }),
});
