/**
 * Frontend of the Definition of Done scorecards: an entity card and the /scorecards page.
 *
 * @packageDocumentation
 */
export { scorecardPlugin as default } from './plugin';
export {
  ScorecardClient,
  scorecardApiRef,
  type ScorecardApi,
  type ScorecardFilter,
  type CheckWithLevel,
  type EntityScorecardResponse,
} from './api';
