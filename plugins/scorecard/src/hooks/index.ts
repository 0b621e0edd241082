import { useApi } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { scorecardApiRef, ScorecardFilter } from '../api';

export function useEntityScorecard(entityRef: string) {
  const api = useApi(scorecardApiRef);
  return useAsync(() => api.getEntity(entityRef), [api, entityRef]);
}

export function useScorecards(filter: ScorecardFilter) {
  const api = useApi(scorecardApiRef);
  const { owner, system, level } = filter;
  return useAsync(async () => {
    const [checks, items] = await Promise.all([
      api.getChecks(),
      api.listEntities({ owner, system, level }),
    ]);
    return { checks, items };
  }, [api, owner, system, level]);
}

export function useRollup(scope: { group?: string; system?: string }) {
  const api = useApi(scorecardApiRef);
  const { group, system } = scope;
  return useAsync(() => api.getRollup({ group, system }), [api, group, system]);
}

export function useScorecardSchedule() {
  const api = useApi(scorecardApiRef);
  return useAsync(() => api.getSchedule(), [api]);
}

export function useCampaigns() {
  const api = useApi(scorecardApiRef);
  return useAsync(() => api.listCampaigns(), [api]);
}

export function useCampaign(id: number | undefined) {
  const api = useApi(scorecardApiRef);
  return useAsync(
    async () => (id === undefined ? undefined : api.getCampaign(id)),
    [api, id],
  );
}
