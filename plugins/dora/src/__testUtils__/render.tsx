import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import type { RenderResult } from '@testing-library/react';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInPortalTestApp } from '@internal/portal-react/testUtils';
import { doraApiRef } from '../api/types';
import { rootRouteRef } from '../routes';
import { FakeDoraApi } from './fakeApi';
import { groups } from './fixtures';

/**
 * Renders inside a test app with the fake DORA API, the in-memory catalog
 * client (a real implementation, seeded with the fixture groups) and the
 * entity and DORA page routes mounted, so links resolve like in the portal.
 */
export function renderWithApi(
  element: ReactElement,
  options: {
    api?: FakeDoraApi;
    catalogEntities?: Entity[];
    entity?: Entity;
    initialRouteEntries?: string[];
  } = {},
): RenderResult & { api: FakeDoraApi } {
  const api = options.api ?? new FakeDoraApi();
  const result = renderInPortalTestApp(element, {
    apis: [
      [doraApiRef, api],
      [
        catalogApiRef,
        catalogApiMock({ entities: options.catalogEntities ?? groups }),
      ],
    ],
    entity: options.entity,
    mountedRoutes: { '/dora': rootRouteRef },
    initialRouteEntries: options.initialRouteEntries,
  });
  return { api, ...result };
}
