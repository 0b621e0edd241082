import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_ORIGIN_LOCATION,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Locator, Translation, ignored } from '../sources/types';
import { KUBERNETES_ID_ANNOTATION } from './ingestEvents';

export const PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';

/** The entity an annotation names, or why none is chosen. */
export type Claim =
  | { entityRef: string }
  | { ambiguous: string[]; entityRef?: undefined }
  | { entityRef?: undefined };

/**
 * Finds catalog entities by annotation, remembering answers for one delivery. Several entities
 * of one origin location may share a repository (a monorepo's catalog file): the smallest ref
 * wins, deterministically. A `github.com/project-slug` claim of a configured (trusted) location
 * wins over claims of locations users registered; claims of different locations that no trust
 * separates are ambiguous: anyone may register a location, so a second claim must not take (or
 * split) another service's events; they are ignored until one claim is gone.
 */
export function createEntityFinder(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  trustedOrigins: Set<string> = new Set(),
) {
  const cache = new Map<string, Promise<Claim>>();
  const byAnnotation = (annotation: string, value: string) => {
    const key = `${annotation}\u0000${value}`;
    let found = cache.get(key);
    if (!found) {
      found = catalog
        .getEntities(
          {
            filter: { [`metadata.annotations.${annotation}`]: value },
            fields: [
              'kind',
              'metadata.namespace',
              'metadata.name',
              'metadata.annotations',
            ],
          },
          { credentials },
        )
        .then(({ items }): Claim => {
          const claims = items
            .map(e => ({
              ref: stringifyEntityRef(e),
              origin: e.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION],
            }))
            .sort((a, b) => (a.ref < b.ref ? -1 : Number(a.ref > b.ref)));
          if (claims.length === 0) return {};
          if (annotation !== PROJECT_SLUG_ANNOTATION) {
            return { entityRef: claims[0].ref };
          }
          const trusted = claims.filter(c =>
            trustedOrigins.has(c.origin ?? ''),
          );
          const deciding = trusted.length > 0 ? trusted : claims;
          if (new Set(deciding.map(c => c.origin)).size > 1) {
            return { ambiguous: deciding.map(c => c.ref) };
          }
          return { entityRef: deciding[0].ref };
        });
      cache.set(key, found);
    }
    return found;
  };
  return {
    bySlug: (slug: string) => byAnnotation(PROJECT_SLUG_ANNOTATION, slug),
    /** The first locator that names an entity, or is ambiguous, decides. */
    async locate(locators: Locator[]): Promise<Claim> {
      for (const l of locators) {
        if ('entityRef' in l) return { entityRef: l.entityRef };
        const claim =
          'slug' in l
            ? await byAnnotation(PROJECT_SLUG_ANNOTATION, l.slug)
            : await byAnnotation(KUBERNETES_ID_ANNOTATION, l.kubernetesId);
        if (claim.entityRef !== undefined || 'ambiguous' in claim) {
          return claim;
        }
      }
      return {};
    },
  };
}

/** The translation for a slug claimed by entities of several locations. */
export function ambiguousSlug(slug: string, refs: string[]): Translation {
  return ignored(
    `${PROJECT_SLUG_ANNOTATION}: ${slug} is claimed by entities of different locations (${refs.join(
      ', ',
    )})`,
    'ambiguous-slug',
  );
}

function describe(l: Locator): string {
  if ('entityRef' in l) return l.entityRef;
  if ('slug' in l) return `${PROJECT_SLUG_ANNOTATION}: ${l.slug}`;
  return `${KUBERNETES_ID_ANNOTATION}: ${l.kubernetesId}`;
}

/**
 * Gives a translation the entity its locators name. Deployments and incidents that no catalog
 * entity claims are ignored with the reason, so one unattributable event never refuses the
 * delivery; changes stay without an entity (any entity deploying them may count them).
 */
export async function attribute(
  translation: Translation,
  finder: ReturnType<typeof createEntityFinder>,
): Promise<Translation> {
  if (translation.kind !== 'batch' || !translation.attribution) {
    return translation;
  }
  const { batch, attribution } = translation;
  const claim = await finder.locate(attribution);
  if ('ambiguous' in claim) {
    const slug = attribution.find(l => 'slug' in l);
    return ambiguousSlug(
      slug && 'slug' in slug ? slug.slug : '',
      claim.ambiguous,
    );
  }
  const { entityRef } = claim;
  if (!entityRef) {
    if (batch.deployments.length + batch.incidents.length === 0) {
      return { kind: 'batch', batch };
    }
    return ignored(
      attribution.length === 0
        ? 'the event names no service or repository'
        : `no catalog entity has ${[...new Set(attribution.map(describe))].join(
            ' or ',
          )}`,
      'unattributed',
    );
  }
  return {
    kind: 'batch',
    batch: {
      deployments: batch.deployments.map(d => ({ ...d, entityRef })),
      incidents: batch.incidents.map(i => ({ ...i, entityRef })),
      changes: batch.changes.map(c =>
        c.entityRef === undefined ? { ...c, entityRef } : c,
      ),
    },
  };
}
