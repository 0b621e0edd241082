export { SourceCoverage } from './SourceCoverage';
