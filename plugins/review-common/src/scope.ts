/**
 * What a review covers: the whole organisation, a team with its sub-teams, or a system.
 *
 * @public
 */
export type ReviewScope =
  | { kind: 'organization' }
  | { kind: 'group'; ref: string }
  | { kind: 'system'; ref: string };

/**
 * Reads the `scope` query value: `organization` (the default), or a group or
 * system ref (`group:default/payments`, `system:default/shop`; a bare name is a
 * group in the default namespace). Throws a TypeError naming the field.
 *
 * @public
 */
export function parseScope(value: string | undefined | null): ReviewScope {
  const raw = (value ?? '').trim().toLocaleLowerCase('en-US');
  if (raw === '' || raw === 'organization' || raw === 'organisation') {
    return { kind: 'organization' };
  }
  const match =
    /^(?:(group|system):)?(?:([a-z0-9][a-z0-9._-]*)\/)?([a-z0-9][a-z0-9._-]*)$/.exec(
      raw,
    );
  if (!match) {
    throw new TypeError(
      `scope: expected 'organization', group:<namespace>/<name> or system:<namespace>/<name>, got '${value}'`,
    );
  }
  const kind = (match[1] ?? 'group') as 'group' | 'system';
  return { kind, ref: `${kind}:${match[2] ?? 'default'}/${match[3]}` };
}

/**
 * The canonical `scope` query value.
 *
 * @public
 */
export function stringifyScope(scope: ReviewScope): string {
  return scope.kind === 'organization' ? 'organization' : scope.ref;
}
