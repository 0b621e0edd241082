import path from 'node:path';
import { Config } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogProcessor, LocationSpec } from '@backstage/plugin-catalog-node';

/** Kinds that decide who people are, what templates run, and where more entities come from. */
const TRUSTED_KINDS = new Set([
  'user',
  'group',
  'template',
  'location',
  'domain',
]);
export const CLUSTER_RESOURCE_TYPE = 'kubernetes-cluster';

const locationKey = (l: { type: string; target: string }) =>
  `${l.type}:${l.target}`;

/**
 * The origin locations the portal trusts, as `type:target` (the form of the catalog's
 * `backstage.io/managed-by-origin-location` annotation): the configured `catalog.locations`.
 */
export function trustedOrigins(config: Config): Set<string> {
  return new Set(
    (config.getOptionalConfigArray('catalog.locations') ?? []).map(l => {
      const type = l.getString('type');
      const target = l.getString('target');
      // The catalog resolves relative file targets against the working directory the same way.
      return locationKey({
        type,
        target: type === 'file' ? path.resolve(target) : target,
      });
    }),
  );
}

/**
 * Refuses entities that only the portal's configured catalog locations may define, when they
 * come from anywhere else (a location a user registered, a generated repository). Such an
 * entity stays out of the catalog and its error names the rule. `catalog.rules` says the same
 * by location type; this checks the origin, which a nested file or Location cannot change, and
 * the `spec.type` of cluster Resources, which the rules can allow but not single out.
 */
export class CatalogTrustProcessor implements CatalogProcessor {
  static fromConfig(config: Config) {
    const trusted = (
      config.getOptionalConfigArray('catalog.locations') ?? []
    ).map(l => {
      const type = l.getString('type');
      const target = l.getString('target');
      // The catalog resolves relative file targets against the working directory the same way.
      return locationKey({
        type,
        target: type === 'file' ? path.resolve(target) : target,
      });
    });
    return new CatalogTrustProcessor(new Set(trusted));
  }

  constructor(private readonly origins: Set<string>) {}

  getProcessorName() {
    return 'PortalCatalogTrustProcessor';
  }

  async preProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    _emit: unknown,
    originLocation: LocationSpec,
  ): Promise<Entity> {
    const rule = this.trustedOnlyRule(entity, originLocation);
    if (rule && !this.origins.has(locationKey(originLocation))) {
      throw new InputError(
        `${stringifyEntityRef(
          entity,
        )}: ${rule} come only from the portal's configured catalog locations (catalog.locations), not from ${locationKey(
          originLocation,
        )}`,
      );
    }
    return entity;
  }

  /** Why the entity needs a trusted origin, or undefined when any origin will do. */
  private trustedOnlyRule(
    entity: Entity,
    origin: LocationSpec,
  ): string | undefined {
    const kind = entity.kind.toLocaleLowerCase('en-US');
    if (kind === 'location' && isRegistrationItself(entity, origin)) {
      return undefined;
    }
    if (TRUSTED_KINDS.has(kind)) return `${entity.kind} entities`;
    if (kind === 'resource' && entity.spec?.type === CLUSTER_RESOURCE_TYPE) {
      return `Resources of type ${CLUSTER_RESOURCE_TYPE} (clusters the backend sends its credentials to)`;
    }
    return undefined;
  }
}

/**
 * The Location entity the catalog makes for a registered location: it points at its own origin
 * and nowhere else, so it adds no source of entities.
 */
function isRegistrationItself(entity: Entity, origin: LocationSpec): boolean {
  const spec = (entity.spec ?? {}) as {
    type?: string;
    target?: string;
    targets?: unknown[];
  };
  return (
    !spec.targets?.length &&
    spec.type === origin.type &&
    spec.target === origin.target
  );
}
