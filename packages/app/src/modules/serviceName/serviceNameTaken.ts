import { CatalogApi } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';

/** Kinds a golden path creates under the name it asks for (a service, its API, a resource). */
const CREATED_KINDS = ['Component', 'API', 'Resource'];

/**
 * Why `name` cannot name a new service, or undefined when it can: the repository, the catalog
 * entities and the Kubernetes objects all take this name, so one already in the catalog would
 * fail the task only at its last steps.
 */
export async function serviceNameTaken(
  name: string | undefined,
  catalogApi: Pick<CatalogApi, 'getEntities'>,
): Promise<string | undefined> {
  if (!name) return undefined;
  const { items } = await catalogApi.getEntities({
    filter: CREATED_KINDS.map(kind => ({ kind, 'metadata.name': name })),
    fields: ['kind', 'metadata.namespace', 'metadata.name'],
  });
  if (items.length === 0) return undefined;
  const refs = items.map(e => stringifyEntityRef(e)).sort();
  return `${name} is already in the catalog (${refs.join(
    ', ',
  )}): pick another name`;
}
