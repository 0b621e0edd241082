import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { DeploymentsQuery, doraApiRef } from '../api';

/** `undefined` skips the request (e.g. until the window is known). */
export function useDeployments(query: DeploymentsQuery | undefined) {
  const api = useApi(doraApiRef);
  const skip = query === undefined;
  const { entityRef, environment, from, to, limit } = query ?? {};
  return useAsync(
    async () =>
      skip
        ? undefined
        : api.listDeployments({ entityRef, environment, from, to, limit }),
    [api, skip, entityRef, environment, from, to, limit],
  );
}
