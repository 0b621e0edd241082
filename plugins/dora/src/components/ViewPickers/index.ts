export { ViewPickers } from './ViewPickers';
