import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api';

/** Every SLO over one UTC calendar month; `undefined` skips the request. */
export function useSloMonth(month: string | undefined) {
  const api = useApi(sloApiRef);
  return useAsyncRetry(
    async () => (month ? api.getMonth(month) : undefined),
    [api, month],
  );
}
