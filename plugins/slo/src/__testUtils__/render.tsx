import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import type { RenderResult } from '@testing-library/react';
import { renderInPortalTestApp } from '@internal/portal-react/testUtils';
import { sloApiRef } from '../api/types';
import { rootRouteRef } from '../routes';
import { FakeSloApi } from './fakeApi';

/**
 * Renders inside a test app with the fake API, the catalog's entity route
 * and the SLO page mounted, so entity and SLO links resolve like they do in
 * the portal.
 */
export function renderWithApi(
  element: ReactElement,
  options: {
    api?: FakeSloApi;
    entity?: Entity;
    initialRouteEntries?: string[];
  } = {},
): RenderResult & { api: FakeSloApi } {
  const api = options.api ?? new FakeSloApi();
  const result = renderInPortalTestApp(element, {
    apis: [[sloApiRef, api]],
    entity: options.entity,
    mountedRoutes: { '/slos': rootRouteRef },
    initialRouteEntries: options.initialRouteEntries,
  });
  return { api, ...result };
}
