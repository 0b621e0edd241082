import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { MetricsQuery, doraApiRef } from '../api';

/** Every team's keys in one request, by title (catalog groups of spec.type team). */
export function useTeamMetrics(
  query: Pick<MetricsQuery, 'environment' | 'window' | 'bucket'>,
) {
  const api = useApi(doraApiRef);
  const { environment, window, bucket } = query;
  return useAsync(
    () => api.getTeamMetrics({ environment, window, bucket }),
    [api, environment, window, bucket],
  );
}
