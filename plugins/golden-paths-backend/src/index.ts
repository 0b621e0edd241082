/**
 * Golden paths that stay golden: drift of services from their template version, and upgrades.
 *
 * @packageDocumentation
 */
export { goldenPathsPlugin as default } from './plugin';
export { DriftStore } from './database/DriftStore';
export { DriftScanner } from './scan/DriftScanner';
