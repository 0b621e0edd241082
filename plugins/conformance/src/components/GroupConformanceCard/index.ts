export { GroupConformanceCard } from './GroupConformanceCard';
