import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** An entity ref in its full form, or a 400 naming the field it came from. */
export function normalizeRef(
  value: string,
  field: string,
  defaultKind: string,
) {
  try {
    return stringifyEntityRef(parseEntityRef(value, { defaultKind }));
  } catch (e) {
    throw new InputError(`${field}: ${(e as Error).message}`);
  }
}
