import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { MetricsQuery, doraApiRef } from '../api';

/** `undefined` skips the request (e.g. before the scope is known). */
export function useMetrics(query: MetricsQuery | undefined) {
  const api = useApi(doraApiRef);
  const skip = query === undefined;
  const { entityRef, group, system, environment, window, from, to, bucket } =
    query ?? {};
  // Depend on the fields, not the object, so callers may pass a fresh literal each render.
  return useAsync(
    async () =>
      skip
        ? undefined
        : api.getMetrics({
            entityRef,
            group,
            system,
            environment,
            window,
            from,
            to,
            bucket,
          }),
    [
      api,
      skip,
      entityRef,
      group,
      system,
      environment,
      window,
      from,
      to,
      bucket,
    ],
  );
}
