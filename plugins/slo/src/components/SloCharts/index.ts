export { BudgetBurnDownChart } from './BudgetBurnDownChart';
export { BurnRateChart } from './BurnRateChart';
export { SliChart } from './SliChart';
