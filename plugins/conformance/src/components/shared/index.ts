export { SeverityChip, VerdictChip } from './Chips';
export { Score } from './Score';
export { VerdictIcon } from './VerdictIcon';
