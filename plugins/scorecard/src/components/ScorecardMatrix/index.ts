export { ScorecardMatrix } from './ScorecardMatrix';
