import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api';

/**
 * One SLO with its history. While a new resolution loads, the previous
 * value stays available (react-use keeps it), so the page does not blank.
 */
export function useSlo(id: string | undefined, resolution: string) {
  const api = useApi(sloApiRef);
  return useAsyncRetry(
    async () => (id ? api.getSlo(id, { resolution }) : undefined),
    [api, id, resolution],
  );
}
