/**
 * Service level objectives and error budgets per catalog entity.
 *
 * @packageDocumentation
 */
export { sloPlugin as default } from './plugin';
export type {
  SloRollupStore,
  CollectionState,
} from './database/SloRollupStore';
// The store itself, so a peer's tests can write rollups into this plugin's database exactly as
// the collector does (the monthly review's tests of months past the SLO window).
export { DatabaseSloRollupStore } from './database/SloRollupStore';
