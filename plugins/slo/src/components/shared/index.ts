export { AlertChip, StatusChip, ToneChip } from './Chips';
export { BudgetBar } from './BudgetBar';
export { useToneTextStyles } from './tones';
export { MaybeLink } from './MaybeLink';
