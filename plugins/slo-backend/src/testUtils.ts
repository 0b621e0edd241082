import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';

/** The repository's demo catalog directory. */
export const CATALOG_DIR = resolvePackagePath(
  '@internal/plugin-slo-backend',
  '../../catalog',
);

const DEMO = {
  'payment-service': { owner: 'payments', system: 'payment-platform' },
  'order-service': { owner: 'orders', system: 'e-commerce' },
  'user-service': { owner: 'identity', system: 'e-commerce' },
  'notification-service': { owner: 'notifications', system: 'e-commerce' },
};

/**
 * The demo components as the catalog serves them once catalog/components/*.yaml carry
 * `portal.io/slo-spec: ../slos/<name>.yaml`: the annotation is resolved against the real
 * component file, so the real catalog/slos specs are read.
 */
export function demoEntities(
  overrides: Record<string, Record<string, string>> = {},
): Entity[] {
  return Object.entries(DEMO).map(([name, spec]) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
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
        ...overrides[name],
      },
    },
    spec: { type: 'service', lifecycle: 'production', ...spec },
  }));
}
