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
