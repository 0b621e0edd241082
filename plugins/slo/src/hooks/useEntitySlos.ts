import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { EntitySlos } from '../api';
import { sloApiRef } from '../api';
import { isNotFound } from '../lib/errors';

export interface EntitySlosState {
  value?: EntitySlos;
  loading: boolean;
  /** Load failures other than "no SLO specs for this entity". */
  error?: Error;
  /** The backend knows no SLO specs for the entity (404). */
  notFound: boolean;
  retry: () => void;
}

export function useEntitySlos(entityRef: string): EntitySlosState {
  const api = useApi(sloApiRef);
  const state = useAsyncRetry(() => api.getEntity(entityRef), [api, entityRef]);
  const notFound = !state.loading && isNotFound(state.error);
  return {
    value: state.value,
    loading: state.loading,
    error: notFound ? undefined : state.error,
    notFound,
    retry: state.retry,
  };
}
