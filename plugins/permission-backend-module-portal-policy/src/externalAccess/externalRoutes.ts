import { Config } from '@backstage/config';

/** Routes each external (static-token) client may call, as `METHOD /api/plugin/path`. */
export type ExternalRoutes = Map<string, Set<string>>;

const ROUTE =
  /^(GET|HEAD|POST|PUT|PATCH|DELETE) \/api\/[a-z0-9-]+(\/[A-Za-z0-9._~-]+)*$/;

/**
 * Reads `permission.portal.externalRoutes`, an object keyed by client subject so that another
 * config layer can add a client without restating the others.
 */
export function readExternalRoutes(config: Config): ExternalRoutes {
  const routes: ExternalRoutes = new Map();
  const section = config.getOptionalConfig('permission.portal.externalRoutes');
  for (const subject of section?.keys() ?? []) {
    const list = section!.getStringArray(subject);
    for (const route of list) {
      if (!ROUTE.test(route)) {
        throw new Error(
          `permission.portal.externalRoutes.${subject}: "${route}" is not "METHOD /api/<plugin>/<path>"`,
        );
      }
    }
    routes.set(subject, new Set(list));
  }
  return routes;
}

/**
 * Whether an external client may call a route. A client without an entry may call nothing on a
 * guarded plugin: a new token gets no access by accident.
 */
export function isExternalRouteAllowed(
  routes: ExternalRoutes,
  subject: string,
  method: string,
  path: string,
): boolean {
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return (
    routes.get(subject)?.has(`${method.toUpperCase()} ${normalised}`) ?? false
  );
}
