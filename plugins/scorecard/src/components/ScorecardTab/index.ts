export { ScorecardTab } from './ScorecardTab';
