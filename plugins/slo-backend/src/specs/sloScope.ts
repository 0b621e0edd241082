/**
 * Which SLOs a list asks for. `owners` is a team with its sub-teams, already resolved by the
 * caller from the catalog (the registry only knows each entity's direct owner); the fields
 * combine with AND, an absent field does not filter.
 */
export interface SloScope {
  owners?: readonly string[];
  system?: string;
  entityRef?: string;
}

export function inScope(
  item: { entityRef: string; owner?: string; system?: string },
  scope: SloScope,
): boolean {
  return (
    (!scope.owners ||
      (item.owner !== undefined && scope.owners.includes(item.owner))) &&
    (!scope.system || item.system === scope.system) &&
    (!scope.entityRef || item.entityRef === scope.entityRef)
  );
}
