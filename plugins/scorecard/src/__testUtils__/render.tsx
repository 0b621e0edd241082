import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SWRConfig } from 'swr';
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
  options: {
    entity?: Entity;
    initialRouteEntries?: string[];
    /** The permission policy's answer to every request (default: allowed). */
    authorize?: Parameters<typeof mockApis.permission>[0] extends
      | { authorize?: infer A }
      | undefined
      ? A
      : never;
  } = {},
) {
  const withEntity = options.entity ? (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  ) : (
    element
  );
  // usePermission keeps answers in SWR's global cache keyed by the request alone: a cache per
  // render keeps one test's policy answer from leaking into the next.
  const wrapped = (
    <SWRConfig value={{ provider: () => new Map() }}>{withEntity}</SWRConfig>
  );
  return renderInTestApp(wrapped, {
    apis: [
      [scorecardApiRef, api],
      [
        permissionApiRef,
        mockApis.permission({
          authorize: options.authorize ?? AuthorizeResult.ALLOW,
        }),
      ],
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    initialRouteEntries: options.initialRouteEntries,
  });
}
