/**
 * Frontend of golden paths that stay golden: the entity card and the /golden-paths page.
 *
 * @packageDocumentation
 */
export { goldenPathsPlugin as default } from './plugin';
export { GoldenPathsClient, goldenPathsApiRef } from './api';
export type { GoldenPathsApi, GoldenPathFilter } from './api';
