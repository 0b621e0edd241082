export { SloMonthTable } from './SloMonthTable';
