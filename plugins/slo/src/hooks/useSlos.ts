import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api';
import type { SloListFilter } from '../api';

/**
 * SLOs with their current budget, least remaining budget first, with the spec errors of the
 * same entities: every SLO, or those of the filter's owner (with its sub-teams) and entity.
 * `skip` makes no request (the page then shows the full list it already has).
 */
export function useSlos(
  filter: Pick<SloListFilter, 'owner' | 'entityRef'> = {},
  options: { skip?: boolean } = {},
) {
  const api = useApi(sloApiRef);
  const { owner, entityRef } = filter;
  const skip = options.skip ?? false;
  return useAsyncRetry(
    async () =>
      skip
        ? undefined
        : api.listSlosWithErrors({ owner, entityRef, sort: 'budget' }),
    [api, owner, entityRef, skip],
  );
}
