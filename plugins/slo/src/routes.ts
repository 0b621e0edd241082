import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The org-wide SLO page, `/slos` by default. */
export const rootRouteRef = createRouteRef();

/**
 * One SLO: `<root>/slo?id=<slo id>`. SLO ids contain a slash
 * (`service/name`), so the id travels in the query string, not the path.
 */
export const sloDetailRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/slo',
});
