import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { RELATION_OWNED_BY, parseEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ResolvedBatch,
  doraEventsCreatePermission,
  normalizeEntityRef,
} from '@internal/plugin-dora-common';

/** Checks, before anything is stored, that the caller may post every record of a batch. */
export type IngestAuthorizer = (
  batch: ResolvedBatch,
  credentials: BackstageCredentials,
) => Promise<void>;

/**
 * Per API client (a service principal's subject): the entity refs it may post for, the groups
 * whose entities it may post for, or `*` for every entity.
 */
export type IngestScopes = Map<string, string[]>;

export function readIngestScopes(config: RootConfigService): IngestScopes {
  const section = config.getOptionalConfig('dora.ingest.apiClients');
  const scopes: IngestScopes = new Map();
  for (const subject of section?.keys() ?? []) {
    scopes.set(
      subject,
      section!.getStringArray(subject).map(entry => {
        const ref = entry === '*' ? entry : normalizeEntityRef(entry);
        if (ref === undefined) {
          throw new Error(
            `dora.ingest.apiClients.${subject}: "${entry}" is not kind:namespace/name or *`,
          );
        }
        return ref;
      }),
    );
  }
  return scopes;
}

/** The entities a batch posts for, and the first change that names none. */
export function batchEntities(batch: ResolvedBatch): {
  refs: string[];
  unscopedChange?: number;
} {
  const refs = new Set<string>();
  batch.deployments.forEach(d => refs.add(d.entityRef));
  batch.incidents.forEach(i => refs.add(i.entityRef));
  let unscopedChange: number | undefined;
  batch.changes.forEach((c, index) => {
    if (c.entityRef !== undefined) refs.add(c.entityRef);
    else if (unscopedChange === undefined) unscopedChange = index;
  });
  return { refs: [...refs].sort(), unscopedChange };
}

/**
 * Users: the `dora.events.create` permission on each entity, which the portal's policy grants
 * to the owning group's members and to admins. Service principals skip permission policies in
 * Backstage, so API clients are scoped here by `dora.ingest.apiClients`; the plugin's own
 * sources (webhook, cluster observer, demo seeding) never come through this check. A change
 * without an entity counts for any entity that deploys its SHA, so only a caller allowed for
 * every entity may post one.
 */
export function createIngestAuthorizer(deps: {
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  scopes: IngestScopes;
}): IngestAuthorizer {
  const { auth, permissions, catalog, scopes } = deps;

  async function ownersOf(refs: string[]): Promise<Map<string, string[]>> {
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['relations'] },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return new Map(
      refs.map((ref, i) => [
        ref,
        (items[i]?.relations ?? [])
          .filter(r => r.type === RELATION_OWNED_BY)
          .map(r => r.targetRef.toLocaleLowerCase('en-US')),
      ]),
    );
  }

  async function authorizeClient(subject: string, batch: ResolvedBatch) {
    const scope = scopes.get(subject) ?? [];
    if (scope.includes('*')) return;
    const { refs, unscopedChange } = batchEntities(batch);
    if (unscopedChange !== undefined) {
      throw new NotAllowedError(
        `changes[${unscopedChange}].entityRef: the API client ${subject} may post changes only with an entityRef (a change without one counts for every entity; dora.ingest.apiClients.${subject} would need *)`,
      );
    }
    const listed = new Set(scope);
    const rest = refs.filter(ref => !listed.has(ref));
    if (rest.length === 0) return;
    const groups = scope.filter(s => parseEntityRef(s).kind === 'group');
    const owners = groups.length > 0 ? await ownersOf(rest) : new Map();
    const denied = rest.find(
      ref => !(owners.get(ref) ?? []).some((o: string) => groups.includes(o)),
    );
    if (denied !== undefined) {
      throw new NotAllowedError(
        `dora.events.create: the API client ${subject} may not post events for ${denied} (dora.ingest.apiClients.${subject}: ${
          scope.join(', ') || 'none'
        })`,
      );
    }
  }

  async function authorizeUser(
    batch: ResolvedBatch,
    credentials: BackstageCredentials,
  ) {
    const { refs, unscopedChange } = batchEntities(batch);
    if (unscopedChange !== undefined) {
      throw new NotAllowedError(
        `changes[${unscopedChange}].entityRef: required when a user posts (a change without one counts for every entity that deploys it)`,
      );
    }
    if (refs.length === 0) return;
    const decisions = await permissions.authorize(
      refs.map(resourceRef => ({
        permission: doraEventsCreatePermission,
        resourceRef,
      })),
      { credentials },
    );
    const denied = refs.find(
      (_, i) => decisions[i].result !== AuthorizeResult.ALLOW,
    );
    if (denied !== undefined) {
      const who = auth.isPrincipal(credentials, 'user')
        ? credentials.principal.userEntityRef
        : 'the caller';
      throw new NotAllowedError(
        `dora.events.create: ${who} may not post events for ${denied}: only members of its owning group and admins may`,
      );
    }
  }

  return async (batch, credentials) => {
    if (auth.isPrincipal(credentials, 'service')) {
      await authorizeClient(credentials.principal.subject, batch);
      return;
    }
    await authorizeUser(batch, credentials);
  };
}
