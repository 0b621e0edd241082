import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { TeamMetricsQuery, doraApiRef } from '../api';

/** Every team's keys in one request, by title (catalog groups of spec.type team). */
export function useTeamMetrics(query: TeamMetricsQuery) {
  const api = useApi(doraApiRef);
  const { environment, window, from, to, bucket } = query;
  return useAsync(
    () => api.getTeamMetrics({ environment, window, from, to, bucket }),
    [api, environment, window, from, to, bucket],
  );
}
