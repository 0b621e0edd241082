import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../api';

/** What the source routes received over the last 7 days, and the raw answer's URL. */
export function useCoverage() {
  const api = useApi(doraApiRef);
  return useAsync(async () => {
    const [coverage, url] = await Promise.all([
      api.getCoverage(),
      api.coverageUrl(),
    ]);
    return { coverage, url };
  }, [api]);
}
