import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import {
  renderInTestApp,
  type TestAppOptions,
} from '@backstage/frontend-test-utils';
import type { RouteRef } from '@backstage/frontend-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';

/** Options of {@link renderInPortalTestApp}. */
export interface PortalTestAppOptions {
  /** API implementations, as `renderInTestApp` takes them. */
  apis?: TestAppOptions['apis'];
  /** When set, the element renders inside an `EntityProvider` for it. */
  entity?: Entity;
  /** The plugin's own routes, mounted next to the catalog's entity route. */
  mountedRoutes?: Record<string, RouteRef>;
  initialRouteEntries?: string[];
}

/**
 * Renders a plugin component inside a test app with the catalog's entity
 * route mounted, so entity links resolve as they do in the portal.
 */
export function renderInPortalTestApp(
  element: ReactElement,
  options: PortalTestAppOptions = {},
): ReturnType<typeof renderInTestApp> {
  const wrapped = options.entity ? (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  ) : (
    element
  );
  return renderInTestApp(wrapped, {
    apis: options.apis,
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      ...options.mountedRoutes,
    },
    initialRouteEntries: options.initialRouteEntries,
  });
}
