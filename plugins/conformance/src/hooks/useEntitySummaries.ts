import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { conformanceApiRef, EntitySummaryFilter } from '../api';

export function useEntitySummaries(filter: EntitySummaryFilter = {}) {
  const api = useApi(conformanceApiRef);
  const { owner, system, severity } = filter;
  // Depend on the fields, not the object, so callers may pass a fresh literal each render.
  return useAsync(
    () => api.listEntities({ owner, system, severity }),
    [api, owner, system, severity],
  );
}
