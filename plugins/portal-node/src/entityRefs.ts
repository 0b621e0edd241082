import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * An entity ref from request input (a query parameter, a body field) in its full form
 * (`kind:namespace/name`, the kind defaulted), or a 400 that names the field it came from.
 */
export function normalizeRef(
  value: string,
  field: string,
  defaultKind: string,
): string {
  try {
    return stringifyEntityRef(parseEntityRef(value, { defaultKind }));
  } catch (e) {
    throw new InputError(`${field}: ${(e as Error).message}`);
  }
}
