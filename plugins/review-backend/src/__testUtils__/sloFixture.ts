import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import path from 'node:path';
import { fixtureEntities } from './portalFixture';

const CATALOG_DIR = resolvePackagePath(
  '@internal/plugin-review-backend',
  '../../catalog',
);

/** The fixture's components with the annotations that point the slo backend at the real specs. */
export function sloFixtureEntities(): Entity[] {
  return fixtureEntities.map(e => {
    if (e.kind !== 'Component') return e;
    const name = e.metadata.name;
    return {
      ...e,
      metadata: {
        ...e.metadata,
        annotations: {
          'backstage.io/managed-by-location': `file:${path.join(
            CATALOG_DIR,
            'components',
            `${name}.yaml`,
          )}`,
          'backstage.io/managed-by-origin-location': `file:${path.join(
            CATALOG_DIR,
            'all.yaml',
          )}`,
          'portal.io/slo-spec': `../slos/${name}.yaml`,
        },
      },
    };
  });
}
