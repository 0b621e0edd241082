import { parseEntityRef } from '@backstage/catalog-model';

/** `component:default/payment-service` → `payment-service`; other namespaces stay visible. */
export function shortRef(ref: string): string {
  try {
    const { namespace, name } = parseEntityRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}
