import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { RenderResult } from '@testing-library/react';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { conformanceApiRef } from '../api/types';
import { FakeConformanceApi } from './fakeApi';

/**
 * Renders inside a test app with the fake API and the catalog's entity route
 * mounted, so entity links resolve like they do in the portal.
 */
export function renderWithApi(
  element: ReactElement,
  options: {
    api?: FakeConformanceApi;
    entity?: Entity;
    initialRouteEntries?: string[];
  } = {},
): RenderResult & { api: FakeConformanceApi } {
  const api = options.api ?? new FakeConformanceApi();
  const wrapped = options.entity ? (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  ) : (
    element
  );
  const result = renderInTestApp(wrapped, {
    apis: [[conformanceApiRef, api]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    initialRouteEntries: options.initialRouteEntries,
  });
  return { api, ...result };
}
