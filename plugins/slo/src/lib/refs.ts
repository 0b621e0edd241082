import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The full, lower-case form of an entity ref, so `payments`,
 * `group:payments` and `Group:default/Payments` compare equal, as they do in
 * the catalog and in the backend's filters. Unparseable input is kept.
 */
export function normalizeRef(ref: string, defaultKind: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return ref.toLocaleLowerCase('en-US');
  }
}
