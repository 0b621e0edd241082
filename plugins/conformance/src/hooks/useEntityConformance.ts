import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { EntityConformance } from '@internal/plugin-conformance-common';
import { isNotFound } from '@internal/portal-react';
import { conformanceApiRef } from '../api';

export interface EntityConformanceState {
  report?: EntityConformance;
  loading: boolean;
  /** Load failures other than "not evaluated yet". */
  error?: Error;
  /** The backend has no report for this entity yet (404). */
  notEvaluated: boolean;
  retry: () => void;
  refresh: () => Promise<unknown>;
  refreshing: boolean;
  refreshError?: Error;
}

export function useEntityConformance(
  entityRef: string,
): EntityConformanceState {
  const api = useApi(conformanceApiRef);
  const load = useAsyncRetry(() => api.getEntity(entityRef), [api, entityRef]);
  const [refreshState, refresh] = useAsyncFn(
    () => api.refresh(entityRef),
    [api, entityRef],
  );

  // A refresh supersedes the loaded report, but only for the entity it was run
  // for: the entity page can switch entities without remounting the card.
  const refreshed =
    refreshState.value &&
    refreshState.value.entityRef.toLocaleLowerCase('en-US') ===
      entityRef.toLocaleLowerCase('en-US')
      ? refreshState.value
      : undefined;
  const report = refreshed ?? load.value;
  // The backend answers 404 for an entity it has not evaluated yet; that is an
  // expected state (shown as "not evaluated"), not a failure.
  const notEvaluated = !report && !load.loading && isNotFound(load.error);

  return {
    report,
    loading: load.loading && !report,
    error: report || notEvaluated ? undefined : load.error,
    notEvaluated,
    retry: load.retry,
    refresh,
    refreshing: refreshState.loading,
    refreshError: refreshState.error,
  };
}
