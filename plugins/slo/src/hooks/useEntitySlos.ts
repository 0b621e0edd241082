import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { isNotFound } from '@internal/portal-react';
import type { EntitySlos } from '../api';
import { sloApiRef } from '../api';

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
  // The backend answers 404 for an entity without SLO specs (or one it has
  // not read yet); that is a state to explain, not a failure.
  const notFound = !state.loading && isNotFound(state.error);
  return {
    value: state.value,
    loading: state.loading,
    error: notFound ? undefined : state.error,
    notFound,
    retry: state.retry,
  };
}
