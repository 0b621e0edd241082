import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import type { RenderResult } from '@testing-library/react';
import { mockApis } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SWRConfig } from 'swr';
import { renderInPortalTestApp } from '@internal/portal-react/testUtils';
import { conformanceApiRef } from '../api/types';
import { FakeConformanceApi } from './fakeApi';

/**
 * Renders inside a test app with the fake API and the catalog's entity route
 * mounted, so entity links resolve like they do in the portal. The permission API is the
 * test utils' mock answering `authorize` (the real policy decides in the e2e matrix).
 */
export function renderWithApi(
  element: ReactElement,
  options: {
    api?: FakeConformanceApi;
    entity?: Entity;
    initialRouteEntries?: string[];
    /** The permission policy's answer for every request (default: allowed). */
    authorize?: Parameters<typeof mockApis.permission>[0] extends
      | { authorize?: infer A }
      | undefined
      ? A
      : never;
  } = {},
): RenderResult & { api: FakeConformanceApi } {
  const api = options.api ?? new FakeConformanceApi();
  // usePermission keeps answers in SWR's global cache, keyed by the request alone: without a
  // cache of its own, each test would see the answer an earlier test's policy gave.
  const wrapped = (
    <SWRConfig value={{ provider: () => new Map() }}>{element}</SWRConfig>
  );
  const result = renderInPortalTestApp(wrapped, {
    apis: [
      [conformanceApiRef, api],
      [
        permissionApiRef,
        mockApis.permission({
          authorize: options.authorize ?? AuthorizeResult.ALLOW,
        }),
      ],
    ],
    entity: options.entity,
    initialRouteEntries: options.initialRouteEntries,
  });
  return { api, ...result };
}
