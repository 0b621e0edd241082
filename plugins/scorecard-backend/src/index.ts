/**
 * Definition of Done scorecards per catalog entity.
 *
 * @packageDocumentation
 */
export { scorecardPlugin as default } from './plugin';
