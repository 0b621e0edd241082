import {
  HttpRouterService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { isExternalRouteAllowed, readExternalRoutes } from './externalRoutes';

type Handler = Parameters<HttpRouterService['use']>[0];

/**
 * A module that confines external clients (static tokens, `backend.auth.externalAccess`) to the
 * routes listed for them in `permission.portal.externalRoutes`. `accessRestrictions` in the
 * token's config can only name plugins and permissions; this names routes, so a CI token that
 * may post DORA events cannot also read or change everything else in the same plugin. Calls a
 * plugin makes on the client's behalf carry the plugin's own identity and are not affected.
 */
export function createExternalRouteGuardModule(pluginId: string) {
  return createBackendModule({
    pluginId,
    moduleId: 'portal-external-route-guard',
    register(reg) {
      reg.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          auth: coreServices.auth,
          config: coreServices.rootConfig,
        },
        async init({ httpRouter, httpAuth, auth, config }) {
          const routes = readExternalRoutes(config);
          const guard: Handler = async (req, _res, next) => {
            try {
              const credentials = await httpAuth.credentials(req);
              if (
                auth.isPrincipal(credentials, 'service') &&
                !credentials.principal.subject.startsWith('plugin:')
              ) {
                const { subject } = credentials.principal;
                const path = `/api/${pluginId}${req.path}`;
                if (
                  !isExternalRouteAllowed(routes, subject, req.method, path)
                ) {
                  const allowed = [...(routes.get(subject) ?? [])];
                  throw new NotAllowedError(
                    `${
                      req.method
                    } ${path} is not a route the API client ${subject} may call (permission.portal.externalRoutes: ${
                      allowed.join(', ') || 'none'
                    })`,
                  );
                }
              }
              next();
            } catch (error) {
              next(error);
            }
          };
          httpRouter.use(guard);
        },
      });
    },
  });
}

/** The plugins a CI token reaches (its accessRestrictions): each confined to its routes. */
export const doraModuleExternalRouteGuard =
  createExternalRouteGuardModule('dora');
export const sloModuleExternalRouteGuard =
  createExternalRouteGuardModule('slo');
export const scorecardModuleExternalRouteGuard =
  createExternalRouteGuardModule('scorecard');
export const catalogModuleExternalRouteGuard =
  createExternalRouteGuardModule('catalog');
