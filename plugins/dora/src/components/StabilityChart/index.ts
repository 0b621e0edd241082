export { StabilityChart } from './StabilityChart';
