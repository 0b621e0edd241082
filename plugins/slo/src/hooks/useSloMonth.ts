import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api';
import type { SloListFilter } from '../api';

/**
 * Every SLO (or the filter's owner's, with sub-teams, and entity's) over one UTC calendar
 * month; `undefined` skips the request.
 */
export function useSloMonth(
  month: string | undefined,
  filter: Pick<SloListFilter, 'owner' | 'entityRef'> = {},
) {
  const api = useApi(sloApiRef);
  const { owner, entityRef } = filter;
  return useAsyncRetry(
    async () => (month ? api.getMonth(month, { owner, entityRef }) : undefined),
    [api, month, owner, entityRef],
  );
}
