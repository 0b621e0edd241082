export { TrendArrow } from './TrendArrow';
