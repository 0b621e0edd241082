export { AlertChip, StatusChip, ToneChip } from './Chips';
export { BudgetBar } from './BudgetBar';
export { MaybeLink } from './MaybeLink';
