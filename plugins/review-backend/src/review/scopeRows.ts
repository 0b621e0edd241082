import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ReviewScope } from '@internal/plugin-review-common';
import { groupWithSubTeams } from '@internal/portal-node';

/** A row before any figure: who it is and which dora scope parameter names it. */
export interface RowSubject {
  ref: string;
  kind: 'team' | 'service';
  title: string;
  team: string | null;
  /** The dora backend's scope parameter for this row. */
  doraQuery: { group: string } | { entityRef: string };
}

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.type',
  'spec.owner',
  'relations',
];

function titleOf(entity: Entity): string {
  return entity.metadata.title ?? entity.metadata.name;
}

function ownerOf(entity: Entity): string | null {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner === '') return null;
  return stringifyEntityRef(
    parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}

function serviceRow(entity: Entity): RowSubject {
  const ref = stringifyEntityRef(entity);
  return {
    ref,
    kind: 'service',
    title: titleOf(entity),
    team: ownerOf(entity),
    doraQuery: { entityRef: ref },
  };
}

/**
 * The rows of a scope: every team (groups of type team) for the organisation; the
 * components owned by a team or any of its sub-teams; the components of a system.
 */
export async function scopeRows(
  catalog: CatalogService,
  scope: ReviewScope,
  credentials: BackstageCredentials,
): Promise<RowSubject[]> {
  const byTitle = (a: RowSubject, b: RowSubject) =>
    a.title.localeCompare(b.title) || a.ref.localeCompare(b.ref);
  if (scope.kind === 'organization') {
    const { items } = await catalog.getEntities(
      { filter: { kind: 'group', 'spec.type': 'team' }, fields: FIELDS },
      { credentials },
    );
    return items
      .map(group => {
        const ref = stringifyEntityRef(group);
        return {
          ref,
          kind: 'team' as const,
          title: titleOf(group),
          team: ref,
          doraQuery: { group: ref },
        };
      })
      .sort(byTitle);
  }
  if (!(await catalog.getEntityByRef(scope.ref, { credentials }))) {
    throw new NotFoundError(`scope: no catalog ${scope.kind} ${scope.ref}`);
  }
  if (scope.kind === 'system') {
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'component', 'relations.partOf': scope.ref },
        fields: FIELDS,
      },
      { credentials },
    );
    return items.map(serviceRow).sort(byTitle);
  }
  const groups = await groupWithSubTeams(catalog, scope.ref, credentials);
  const { items } = await catalog.getEntities(
    {
      filter: { kind: 'component', 'relations.ownedBy': groups },
      fields: FIELDS,
    },
    { credentials },
  );
  return items.map(serviceRow).sort(byTitle);
}

/** The team a row's notes and actions belong to: the group itself, or a component's owner. */
export async function teamOfRow(
  catalog: CatalogService,
  rowRef: string,
  credentials: BackstageCredentials,
): Promise<string> {
  const entity = await catalog.getEntityByRef(rowRef, { credentials });
  if (!entity) throw new NotFoundError(`rowRef: no catalog entity ${rowRef}`);
  if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
    return stringifyEntityRef(entity);
  }
  const owner = ownerOf(entity);
  if (!owner) {
    throw new NotFoundError(`rowRef: ${rowRef} has no owner to hold its notes`);
  }
  return owner;
}
