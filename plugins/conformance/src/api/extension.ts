import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { ConformanceClient } from './ConformanceClient';
import { conformanceApiRef } from './types';

export const conformanceApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: conformanceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ConformanceClient({ discoveryApi, fetchApi }),
    }),
});
