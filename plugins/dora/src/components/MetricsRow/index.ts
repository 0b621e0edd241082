export { MetricsRow } from './MetricsRow';
