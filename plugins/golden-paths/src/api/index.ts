export { GoldenPathsClient } from './GoldenPathsClient';
export { goldenPathsApiRef } from './types';
export type { GoldenPathsApi, GoldenPathFilter } from './types';
