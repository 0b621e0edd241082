/**
 * Authentication, impersonation and RBAC authorization of every request, and
 * the bootstrap policy a real cluster starts with. The router calls
 * `authenticate` and `authorize` once per request and hands reviews to `review`.
 */
import { IncomingMessage } from 'node:http';
import { ResourceType, findResource } from '../resources';
import { ClusterApi } from '../server/api';
import { errors } from '../server/errors';
import { ObjectStore } from '../store/ObjectStore';
import { requestAttributes } from './attributes';
import { Authenticator, IdentityConfig } from './authn';
import { bootstrapPolicy } from './bootstrap';
import { RbacAuthorizer } from './RbacAuthorizer';
import { answerReview } from './reviews';
import { forbidden } from './rules';
import {
  Attributes,
  UserInfo,
  parseServiceAccountName,
  serviceAccountUser,
} from './types';

export type { IdentityConfig } from './authn';
export { parseIdentities, ADMIN_USER } from './authn';
export type { UserInfo, Attributes } from './types';

const ANONYMOUS: UserInfo = {
  name: 'system:anonymous',
  groups: ['system:unauthenticated'],
};
const CLUSTER_ROLES = findResource(
  'rbac.authorization.k8s.io',
  'v1',
  'clusterroles',
)!;

export class AccessControl {
  readonly authenticator: Authenticator;
  readonly authorizer: RbacAuthorizer;

  constructor(
    private readonly store: ObjectStore,
    adminToken: string,
    identities: IdentityConfig[] = [],
    /** Told every 403 message (LOCAL_CLUSTER_LOG_DENIALS=1 prints them): why did X fail? */
    private readonly onDenied?: (message: string) => void,
  ) {
    this.authenticator = new Authenticator(store, adminToken, identities);
    this.authorizer = new RbacAuthorizer(store);
    // The aggregation controller: keeps aggregated ClusterRoles' stored rules current.
    let scheduled = false;
    store.subscribe(e => {
      if (e.typeKey !== 'rbac.authorization.k8s.io/clusterroles' || scheduled)
        return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        this.syncAggregates();
      });
    });
  }

  /** Creates the default roles and bindings; call once before serving. */
  bootstrap(api: ClusterApi) {
    for (const obj of bootstrapPolicy()) {
      const rt = findResource(
        'rbac.authorization.k8s.io',
        'v1',
        obj.kind === 'ClusterRole' ? 'clusterroles' : 'clusterrolebindings',
      )!;
      api.create(rt, undefined, obj);
    }
    this.syncAggregates();
  }

  syncAggregates() {
    for (const [name, rules] of this.authorizer.pendingAggregations()) {
      const cr = this.store.get(CLUSTER_ROLES, undefined, name);
      if (!cr) continue;
      this.store.update(CLUSTER_ROLES, {
        ...cr,
        metadata: { ...cr.metadata, resourceVersion: undefined },
        rules,
      });
    }
  }

  /**
   * The user of a request after impersonation. No token: anonymous on public
   * paths, 401 elsewhere; an unknown token: 401.
   */
  authenticate(req: IncomingMessage, publicPath: boolean): UserInfo {
    const header = req.headers.authorization;
    if (!header && publicPath) return ANONYMOUS;
    const user = this.authenticator.authenticate(header);
    if (!user) throw errors.unauthorized();
    return this.impersonate(req, user);
  }

  private impersonate(req: IncomingMessage, user: UserInfo): UserInfo {
    const h = req.headersDistinct;
    const asUser = h['impersonate-user']?.[0];
    const asGroups = h['impersonate-group'] ?? [];
    if (!asUser) {
      if (asGroups.length)
        throw errors.badRequest(
          `requested [${asGroups
            .map(g => `{Group  ${g}  authentication.k8s.io/v1  }`)
            .join(' ')}] without impersonating a user`,
        );
      return user;
    }
    const check = (a: Attributes) => {
      if (!this.authorizer.authorize(user, a, false).allowed)
        throw forbidden(user.name, a);
    };
    const sa = parseServiceAccountName(asUser);
    check(
      sa
        ? {
            kind: 'resource',
            verb: 'impersonate',
            apiGroup: '',
            resource: 'serviceaccounts',
            namespace: sa[0],
            name: sa[1],
          }
        : {
            kind: 'resource',
            verb: 'impersonate',
            apiGroup: '',
            resource: 'users',
            name: asUser,
          },
    );
    for (const g of asGroups)
      check({
        kind: 'resource',
        verb: 'impersonate',
        apiGroup: '',
        resource: 'groups',
        name: g,
      });
    const groups = [...asGroups];
    if (sa && !asGroups.length)
      groups.push(...serviceAccountUser(sa[0], sa[1]).groups);
    if (
      asUser !== ANONYMOUS.name &&
      !groups.includes('system:authenticated') &&
      !groups.includes('system:unauthenticated')
    )
      groups.push('system:authenticated');
    return { name: asUser, groups };
  }

  /** Throws the real 403 unless RBAC allows the request. */
  authorize(
    user: UserInfo,
    method: string,
    path: string,
    query: URLSearchParams,
  ) {
    const attrs = requestAttributes(method, path, query);
    if (!this.authorizer.authorize(user, attrs, false).allowed) {
      const err = forbidden(user.name, attrs);
      this.onDenied?.(err.message);
      throw err;
    }
  }

  review(
    rt: ResourceType,
    namespace: string | undefined,
    body: unknown,
    user: UserInfo,
  ): Record<string, unknown> {
    return answerReview(this.authorizer, rt, namespace, body, user);
  }
}
