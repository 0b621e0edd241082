import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Locator, Translation, ignored } from '../sources/types';
import { KUBERNETES_ID_ANNOTATION } from './ingestEvents';

export const PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';

/** Finds catalog entities by annotation, remembering answers for one delivery. */
export function createEntityFinder(
  catalog: CatalogService,
  credentials: BackstageCredentials,
) {
  const cache = new Map<string, Promise<string | undefined>>();
  // Several entities may share a repository (monorepos): the smallest ref wins, deterministically.
  const byAnnotation = (annotation: string, value: string) => {
    const key = `${annotation}\u0000${value}`;
    let found = cache.get(key);
    if (!found) {
      found = catalog
        .getEntities(
          {
            filter: { [`metadata.annotations.${annotation}`]: value },
            fields: ['kind', 'metadata.namespace', 'metadata.name'],
          },
          { credentials },
        )
        .then(({ items }) => items.map(e => stringifyEntityRef(e)).sort()[0]);
      cache.set(key, found);
    }
    return found;
  };
  return {
    bySlug: (slug: string) => byAnnotation(PROJECT_SLUG_ANNOTATION, slug),
    async locate(locators: Locator[]): Promise<string | undefined> {
      for (const l of locators) {
        if ('entityRef' in l) return l.entityRef;
        const ref =
          'slug' in l
            ? await byAnnotation(PROJECT_SLUG_ANNOTATION, l.slug)
            : await byAnnotation(KUBERNETES_ID_ANNOTATION, l.kubernetesId);
        if (ref) return ref;
      }
      return undefined;
    },
  };
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
  const entityRef = await finder.locate(attribution);
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
