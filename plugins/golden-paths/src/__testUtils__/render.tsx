import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { SWRConfig } from 'swr';
import type { RenderResult } from '@testing-library/react';
import { goldenPathsApiRef } from '../api/types';
import { FakeGoldenPathsApi } from './fakeApi';

/** A test app with the fake API, the catalog's entity route and a permission answer. */
export function renderWithApi(
  element: ReactElement,
  options: {
    api?: FakeGoldenPathsApi;
    entity?: Entity;
    initialRouteEntries?: string[];
    authorize?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  } = {},
): RenderResult & { api: FakeGoldenPathsApi } {
  const api = options.api ?? new FakeGoldenPathsApi();
  const withEntity = options.entity ? (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  ) : (
    element
  );
  // usePermission caches answers in SWR's global cache; each test gets its own.
  const wrapped = (
    <SWRConfig value={{ provider: () => new Map() }}>{withEntity}</SWRConfig>
  );
  const result = renderInTestApp(wrapped, {
    apis: [
      [goldenPathsApiRef, api],
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
  return { api, ...result };
}

export function component(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'backstage.io/source-template': 'template:default/http-api',
      },
    },
    spec: { type: 'service', owner: 'group:default/payments' },
  };
}
