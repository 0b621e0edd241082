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
  NAMESPACE_ANNOTATION,
  OWNER_ENTITY_ANNOTATION,
  claimsNamespace,
  recordedOwnerEntity,
} from './appliedNamespaceOwner';
import {
  ProxyRequestScope,
  classifyProxyRequest,
} from './classifyProxyRequest';
import { NamespaceReader } from './NamespaceReader';

type Handler = Parameters<HttpRouterService['use']>[0];

export { NAMESPACE_ANNOTATION } from './appliedNamespaceOwner';

/** The header the kubernetes backend's proxy takes the cluster name from. */
const CLUSTER_HEADER = 'backstage-kubernetes-cluster';

export interface ProxyGuardOptions {
  /** Origin locations whose entities may claim a namespace (catalog.locations). */
  trustedOrigins: Set<string>;
  /**
   * Reads Namespace objects with the portal's read credentials, for namespaces the golden-path
   * applier created; without it only trusted catalog claims count.
   */
  namespaces?: NamespaceReader;
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
  const { trustedOrigins, namespaces, httpAuth, permissions, catalog, logger } =
    options;

  async function trustedClaims(
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

  /**
   * The entity a namespace without a trusted claim was created for by the golden-path applier
   * (a service registered from a user location), when that entity still claims it. The
   * Namespace object is the trust basis: users cannot write Namespaces.
   */
  async function appliedClaim(
    cluster: string | undefined,
    namespace: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    if (!namespaces || !cluster || !namespaces.knows(cluster)) return [];
    const ref = recordedOwnerEntity(
      namespace,
      await namespaces.read(cluster, namespace),
    );
    if (!ref) return [];
    const entity = await catalog.getEntityByRef(ref, { credentials });
    return claimsNamespace(entity, ref, namespace) ? [ref] : [];
  }

  async function ownsAny(refs: string[], credentials: BackstageCredentials) {
    if (refs.length === 0) return false;
    const decisions = await permissions.authorize(
      refs.map(resourceRef => ({
        permission: kubernetesProxyReadPermission,
        resourceRef,
      })),
      { credentials },
    );
    return decisions.some(d => d.result === AuthorizeResult.ALLOW);
  }

  async function isAdmin(credentials: BackstageCredentials) {
    const [decision] = await permissions.authorize(
      [{ permission: kubernetesProxyAdminPermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** True when allowed, false when not; throws when the namespace could not be read in time. */
  async function isAllowed(
    scope: ProxyRequestScope,
    cluster: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    if (scope.kind === 'namespace-read') {
      const trusted = await trustedClaims(scope.namespace, credentials);
      if (await ownsAny(trusted, credentials)) return true;
      if (trusted.length === 0) {
        // An admin reads without waiting on the cluster; anyone else hears why the owner
        // could not be found (503) when it does not answer.
        if (await isAdmin(credentials)) return true;
        const applied = await appliedClaim(
          cluster,
          scope.namespace,
          credentials,
        );
        return ownsAny(applied, credentials);
      }
    }
    return isAdmin(credentials);
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
      if (await isAllowed(scope, req.header(CLUSTER_HEADER), credentials)) {
        next();
        return;
      }
      const reason =
        scope.kind === 'admin'
          ? `${scope.reason}, which only admins may do`
          : `reading namespace ${scope.namespace} is for the owners of the entities of the configured catalog locations annotated ${NAMESPACE_ANNOTATION}: ${scope.namespace}, or of the entity the golden-path applier created the namespace for (${OWNER_ENTITY_ANNOTATION} on the Namespace) when that entity claims it`;
      logger.info(
        `Refused Kubernetes proxy ${req.method} ${req.path}: ${reason}`,
      );
      throw new NotAllowedError(`Kubernetes proxy: ${reason}`);
    } catch (error) {
      next(error);
    }
  };
}
