import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sloApiRef } from '../api';

/** The deploy gate's decision for the entity right now. */
export function useGate(entityRef: string) {
  const api = useApi(sloApiRef);
  return useAsyncRetry(() => api.getGate(entityRef), [api, entityRef]);
}
