import { useCallback } from 'react';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { Resolution, detailSearch } from '../lib/viewState';
import { rootRouteRef, sloDetailRouteRef } from '../routes';

/**
 * Builds links to SLO detail pages; undefined when the SLO page is not
 * mounted in this app (then names render as plain text).
 */
export function useSloDetailLink():
  | ((id: string, resolution?: Resolution) => string)
  | undefined {
  const detail = useRouteRef(sloDetailRouteRef);
  const link = useCallback(
    (id: string, resolution?: Resolution) =>
      `${detail!()}${detailSearch(id, resolution)}`,
    [detail],
  );
  return detail ? link : undefined;
}

/** The org-wide SLO page, or undefined when it is not mounted. */
export function useSloListLink(): string | undefined {
  return useRouteRef(rootRouteRef)?.();
}
