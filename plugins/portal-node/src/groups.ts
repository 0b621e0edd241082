import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The part of the catalog service the walk reads. Structural, so this package needs no
 * catalog-node dependency: `CatalogService` satisfies it.
 */
export interface GroupCatalog {
  getEntities(
    request: { filter: Record<string, string | string[]>; fields: string[] },
    options: { credentials: BackstageCredentials },
  ): Promise<{ items: Entity[] }>;
}

const REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/**
 * A group and every group below it (children, their children, …), as full refs, the group
 * first. This is what "a team with its sub-teams" means on the DORA, SLO and review pages.
 * The walk asks the catalog once per level, never the whole catalog; a group listed under
 * two parents, or a cycle in `spec.parent`, is visited once. The caller's credentials are
 * used, so a user sees only the groups the catalog lets them read.
 */
export async function groupWithSubTeams(
  catalog: GroupCatalog,
  groupRef: string,
  credentials: BackstageCredentials,
): Promise<string[]> {
  const groups = new Set([groupRef]);
  let frontier = [groupRef];
  while (frontier.length > 0) {
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'group', 'relations.childOf': frontier },
        fields: REF_FIELDS,
      },
      { credentials },
    );
    frontier = items
      .map(e => stringifyEntityRef(e))
      .filter(r => !groups.has(r));
    frontier.forEach(r => groups.add(r));
  }
  return [...groups];
}
