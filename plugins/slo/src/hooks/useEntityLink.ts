import { useCallback } from 'react';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';

/**
 * Links to catalog entity pages. Unlike catalog-react's useEntityRefLink,
 * which throws when the catalog's entity page is not mounted, this returns
 * undefined then (and for unparseable refs), so our pages still render and
 * show the ref as text.
 */
export function useEntityLink(): (entityRef: string) => string | undefined {
  const entityRoute = useRouteRef(entityRouteRef);
  return useCallback(
    (entityRef: string) => {
      if (!entityRoute) return undefined;
      try {
        return entityRoute(
          entityRouteParams(entityRef, { encodeParams: true }),
        );
      } catch {
        return undefined;
      }
    },
    [entityRoute],
  );
}
