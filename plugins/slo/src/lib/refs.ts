import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';

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

/** A ref without the parts a reader can infer: `group:default/payments` → `payments`. */
export function shortRef(ref: string | undefined, defaultKind: string): string {
  if (!ref) return '—';
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind });
  } catch {
    return ref;
  }
}
