export { ConformanceTab } from './ConformanceTab';
