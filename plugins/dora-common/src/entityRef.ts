import {
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * Canonical form of an entity reference: lowercase `kind:namespace/name`,
 * with kind defaulting to `component` and namespace to `default`, or
 * `undefined` when `ref` is not a valid reference.
 *
 * @remarks
 * Lowercase because the catalog compares references case-insensitively and
 * `stringifyEntityRef` lowercases too; storing the canonical form lets the
 * pure functions and the SQL compare references with plain equality.
 *
 * @public
 */
export function normalizeEntityRef(ref: string): string | undefined {
  let parsed;
  try {
    parsed = parseEntityRef(ref, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch {
    return undefined;
  }
  const { kind, namespace, name } = parsed;
  if (
    !KubernetesValidatorFunctions.isValidKind(kind) ||
    // Namespaces are DNS labels; the reference itself is case-insensitive.
    !KubernetesValidatorFunctions.isValidNamespace(namespace.toLowerCase()) ||
    !KubernetesValidatorFunctions.isValidObjectName(name)
  ) {
    return undefined;
  }
  return stringifyEntityRef({ kind, namespace, name });
}

/**
 * Canonicalises a set of references for membership tests; invalid entries
 * are kept verbatim so they simply never match.
 */
export function normalizeEntityRefSet(
  refs: ReadonlySet<string>,
): ReadonlySet<string> {
  const normalized = new Set<string>();
  for (const ref of refs) {
    normalized.add(normalizeEntityRef(ref) ?? ref);
  }
  return normalized;
}
