import type { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';

type TestedExtension = Parameters<typeof createExtensionTester>[0];

/**
 * The entity filter of an entity card or tab, as the catalog applies it:
 * `true` where the extension shows. Throws when the extension has none, so a
 * test cannot pass by checking an extension that shows everywhere.
 */
export function entityFilterOf(
  extension: TestedExtension,
): (entity: Entity) => boolean {
  // Cards and tabs share one filter data ref.
  const filter = createExtensionTester(extension).get(
    EntityCardBlueprint.dataRefs.filterFunction,
  );
  if (!filter) throw new Error('The extension has no entity filter');
  return filter;
}

/** Where an entity tab mounts and the title it shows. */
export function entityContentMount(extension: TestedExtension): {
  path: string;
  title: string;
} {
  const tester = createExtensionTester(extension);
  return {
    path: tester.get(coreExtensionData.routePath),
    title: tester.get(EntityContentBlueprint.dataRefs.title),
  };
}

/** Where a page mounts, its nav title, and whether it has a nav icon. */
export function pageMount(extension: TestedExtension): {
  path: string;
  title: string | undefined;
  hasIcon: boolean;
} {
  const tester = createExtensionTester(extension);
  return {
    path: tester.get(coreExtensionData.routePath),
    title: tester.get(coreExtensionData.title),
    hasIcon: tester.get(coreExtensionData.icon) !== undefined,
  };
}
