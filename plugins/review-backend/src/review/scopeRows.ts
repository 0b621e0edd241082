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

const byTitle = (a: RowSubject, b: RowSubject) =>
  a.title.localeCompare(b.title) || a.ref.localeCompare(b.ref);

function teamRow(group: Entity): RowSubject {
  const ref = stringifyEntityRef(group);
  return {
    ref,
    kind: 'team',
    title: titleOf(group),
    team: ref,
    doraQuery: { group: ref },
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
  if (scope.kind === 'organization') {
    const { items } = await catalog.getEntities(
      { filter: { kind: 'group', 'spec.type': 'team' }, fields: FIELDS },
      { credentials },
    );
    return items.map(teamRow).sort(byTitle);
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

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** Targets of an entity's relations of one type, lower case as the catalog's filters match. */
function targetsOf(entity: Entity, type: string): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => lower(r.targetRef));
}

/**
 * The rows of every scope of a month-end run, as `scopeRows` gives each, from two catalog reads
 * made once for the run (every group, every component) instead of two to four per scope: at
 * 10,000 services a run over 300 scopes made about 900 catalog requests. `scopes` are the
 * scopes the run read from the catalog; another scope is not found, as `scopeRows` says of a
 * missing one.
 */
export function scopeRowsOfRun(
  catalog: CatalogService,
  scopes: ReviewScope[],
  credentials: BackstageCredentials,
): (scope: ReviewScope) => Promise<RowSubject[]> {
  const known = new Set(
    scopes.flatMap(s => (s.kind === 'organization' ? [] : [lower(s.ref)])),
  );
  let read:
    | Promise<{
        groups: Entity[];
        components: Entity[];
        /** Each group's direct sub-groups, from their childOf relations. */
        children: Map<string, string[]>;
      }>
    | undefined;
  const readOnce = () => {
    read ??= Promise.all([
      catalog.getEntities(
        { filter: { kind: 'group' }, fields: FIELDS },
        { credentials },
      ),
      catalog.getEntities(
        { filter: { kind: 'component' }, fields: FIELDS },
        { credentials },
      ),
    ]).then(([groups, components]) => {
      const children = new Map<string, string[]>();
      for (const g of groups.items) {
        for (const parent of targetsOf(g, 'childOf')) {
          children.set(parent, [
            ...(children.get(parent) ?? []),
            lower(stringifyEntityRef(g)),
          ]);
        }
      }
      return {
        groups: groups.items,
        components: components.items,
        children,
      };
    });
    // A failed read is not kept: the next scope asks again.
    read.catch(() => {
      read = undefined;
    });
    return read;
  };
  return async scope => {
    if (scope.kind !== 'organization' && !known.has(lower(scope.ref))) {
      return scopeRows(catalog, scope, credentials);
    }
    const { groups, components, children } = await readOnce();
    if (scope.kind === 'organization') {
      return groups
        .filter(g => lower(String(g.spec?.type ?? '')) === 'team')
        .map(teamRow)
        .sort(byTitle);
    }
    if (scope.kind === 'system') {
      const ref = lower(scope.ref);
      return components
        .filter(c => targetsOf(c, 'partOf').includes(ref))
        .map(serviceRow)
        .sort(byTitle);
    }
    // The group and its sub-teams, transitively, over the childOf relations.
    const team = new Set([lower(scope.ref)]);
    const frontier = [...team];
    while (frontier.length > 0) {
      for (const child of children.get(frontier.pop()!) ?? []) {
        if (!team.has(child)) {
          team.add(child);
          frontier.push(child);
        }
      }
    }
    return components
      .filter(c => targetsOf(c, 'ownedBy').some(o => team.has(o)))
      .map(serviceRow)
      .sort(byTitle);
  };
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
