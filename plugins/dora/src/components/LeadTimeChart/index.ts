export { LeadTimeChart } from './LeadTimeChart';
