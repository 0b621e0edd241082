import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';

/**
 * A ref without the parts a reader can infer: `group:default/payments` →
 * `payments`. A missing ref reads `—`; an unparseable one is shown as it is
 * rather than hiding the row it labels.
 */
export function shortRef(ref: string | undefined, defaultKind: string): string {
  if (!ref) return '—';
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind });
  } catch {
    return ref;
  }
}
