export { ScorecardPage } from './ScorecardPage';
