import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

export interface Team {
  ref: string;
  title: string;
}

/**
 * Catalog groups of type `team`, by title. Organisation and department
 * groups are left out: the org-wide row already covers them, and the DORA
 * backend includes sub-teams in a group's figures.
 */
export function useTeams() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<Team[]> => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'group', 'spec.type': 'team' },
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.title',
        'spec.profile.displayName',
      ],
    });
    return items
      .map(e => ({
        ref: stringifyEntityRef(e),
        title:
          (e.spec?.profile as { displayName?: string } | undefined)
            ?.displayName ??
          e.metadata.title ??
          e.metadata.name,
      }))
      .sort((a, b) => a.title.localeCompare(b.title));
  }, [catalogApi]);
}
