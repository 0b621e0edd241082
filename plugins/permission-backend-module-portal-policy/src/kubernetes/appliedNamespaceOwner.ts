import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

// The golden-path applier's marks on a Namespace it created (plugins/scaffolder-backend-module-
// golden-paths, manifestGuardrails.ts); the two copies must agree, which the e2e test checks by
// running a golden path and reading the namespace through the proxy.
/** The label the applier puts on everything it creates. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'portal-golden-path';
/** The catalog entity the applier created the namespace for. */
export const OWNER_ENTITY_ANNOTATION = 'portal.io/owner-entity';

/** The standard annotation that pins an entity's workloads to one namespace. */
export const NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';

/** The little of a Namespace object the guard reads. */
export interface NamespaceObject {
  kind?: string;
  metadata?: {
    name?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
}

/**
 * The entity ref the golden-path applier recorded on the namespace, in the catalog's form, or
 * undefined when the object is not that namespace, was not created by the applier, or records
 * no parseable ref. Users cannot write Namespaces (proxy writes are admin-only, the applier
 * never replaces one), so the mark is the cluster's word, not a catalog user's.
 */
export function recordedOwnerEntity(
  namespace: string,
  object: NamespaceObject | undefined,
): string | undefined {
  const metadata = object?.metadata;
  if (!metadata || metadata.name !== namespace) return undefined;
  if (metadata.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE) {
    return undefined;
  }
  const recorded = metadata.annotations?.[OWNER_ENTITY_ANNOTATION];
  if (typeof recorded !== 'string' || recorded === '') return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(recorded));
  } catch {
    return undefined;
  }
}

/**
 * Whether the catalog entity the namespace names also claims it. The applier's record says
 * which entity a namespace was made for; the entity must still say its workloads live there,
 * so a namespace marked for an entity of another namespace (by hand, or stale) grants nothing.
 */
export function claimsNamespace(
  entity: Entity | undefined,
  entityRef: string,
  namespace: string,
): boolean {
  if (!entity) return false;
  if (stringifyEntityRef(entity) !== entityRef) return false;
  return entity.metadata.annotations?.[NAMESPACE_ANNOTATION] === namespace;
}
