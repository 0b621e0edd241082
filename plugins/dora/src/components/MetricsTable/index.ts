export { MetricsTable } from './MetricsTable';
