import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { conformanceApiRef } from '../api';

export function useChecks() {
  const api = useApi(conformanceApiRef);
  return useAsync(() => api.getChecks(), [api]);
}
