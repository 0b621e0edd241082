/**
 * Golden paths that stay golden: API types and permissions shared by the golden-paths backend,
 * its frontend and the scaffolder module.
 *
 * @packageDocumentation
 */
export type {
  GoldenPathDrift,
  GoldenPathTemplate,
  GoldenPathUpgradeStarted,
} from './api';
export {
  goldenPathUpgradePermission,
  goldenPathsPermissions,
} from './permissions';

/** Annotations a service created from a golden path carries in its catalog-info.yaml. @public */
export const SOURCE_TEMPLATE_ANNOTATION = 'backstage.io/source-template';
/** @public */
export const TEMPLATE_VERSION_ANNOTATION = 'portal.io/template-version';
