import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api';

/** Every SLO with its current budget, least remaining budget first, and every spec error. */
export function useSlos() {
  const api = useApi(sloApiRef);
  return useAsyncRetry(() => api.listSlosWithErrors({ sort: 'budget' }), [api]);
}
