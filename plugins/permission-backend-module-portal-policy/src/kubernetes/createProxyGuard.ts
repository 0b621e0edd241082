import {
  BackstageCredentials,
  HttpAuthService,
  HttpRouterService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_ORIGIN_LOCATION,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  kubernetesProxyAdminPermission,
  kubernetesProxyReadPermission,
} from '../permissions';
import {
  ProxyRequestScope,
  classifyProxyRequest,
} from './classifyProxyRequest';

type Handler = Parameters<HttpRouterService['use']>[0];

/** The standard annotation that pins an entity's workloads to one namespace. */
export const NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';

export interface ProxyGuardOptions {
  /** Origin locations whose entities may claim a namespace (catalog.locations). */
  trustedOrigins: Set<string>;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  logger: LoggerService;
}

/**
 * Runs in front of the kubernetes backend's `/proxy` route. The stock proxy asks the policy
 * about `kubernetes.proxy` without saying which method, path or entity, and then adds the
 * cluster's own credentials; this guard decides per request instead: reads in a namespace go to
 * the owners of the entities whose workloads live there, everything else to admins.
 */
export function createProxyGuard(options: ProxyGuardOptions): Handler {
  const { trustedOrigins, httpAuth, permissions, catalog, logger } = options;

  async function owningEntityRefs(
    namespace: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const { items } = await catalog.getEntities(
      {
        filter: { [`metadata.annotations.${NAMESPACE_ANNOTATION}`]: namespace },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
        ],
      },
      { credentials },
    );
    // Anyone may register a Component that names a namespace; only the configured locations'
    // entities say whose namespace it is.
    return items
      .filter(e =>
        trustedOrigins.has(
          e.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION] ?? '',
        ),
      )
      .map(e => stringifyEntityRef(e));
  }

  async function isAllowed(
    scope: ProxyRequestScope,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    if (scope.kind === 'namespace-read') {
      const refs = await owningEntityRefs(scope.namespace, credentials);
      if (refs.length > 0) {
        const decisions = await permissions.authorize(
          refs.map(resourceRef => ({
            permission: kubernetesProxyReadPermission,
            resourceRef,
          })),
          { credentials },
        );
        if (decisions.some(d => d.result === AuthorizeResult.ALLOW)) {
          return true;
        }
      }
    }
    const [decision] = await permissions.authorize(
      [{ permission: kubernetesProxyAdminPermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  return async (req, _res, next) => {
    if (req.path !== '/proxy' && !req.path.startsWith('/proxy/')) {
      next();
      return;
    }
    try {
      const credentials = await httpAuth.credentials(req);
      const upgrade = (req.header('upgrade') ?? '') !== '';
      const scope = classifyProxyRequest(
        req.method,
        req.path.slice('/proxy'.length),
        { upgrade },
      );
      if (await isAllowed(scope, credentials)) {
        next();
        return;
      }
      const reason =
        scope.kind === 'admin'
          ? `${scope.reason}, which only admins may do`
          : `reading namespace ${scope.namespace} is for the owners of the entities of the configured catalog locations annotated ${NAMESPACE_ANNOTATION}: ${scope.namespace}`;
      logger.info(
        `Refused Kubernetes proxy ${req.method} ${req.path}: ${reason}`,
      );
      throw new NotAllowedError(`Kubernetes proxy: ${reason}`);
    } catch (error) {
      next(error);
    }
  };
}
