import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { ScorecardApi, scorecardApiRef } from '../api';

/**
 * Renders inside a test app with the given API (an in-memory one: the backend's own routes are
 * tested against the real store in scorecard-backend) and the catalog's entity route mounted.
 */
export function renderWithApi(
  element: ReactElement,
  api: ScorecardApi,
  options: { entity?: Entity; initialRouteEntries?: string[] } = {},
) {
  const wrapped = options.entity ? (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  ) : (
    element
  );
  return renderInTestApp(wrapped, {
    apis: [[scorecardApiRef, api]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    initialRouteEntries: options.initialRouteEntries,
  });
}
