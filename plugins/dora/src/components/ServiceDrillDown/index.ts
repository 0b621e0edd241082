export { ServiceDrillDown } from './ServiceDrillDown';
