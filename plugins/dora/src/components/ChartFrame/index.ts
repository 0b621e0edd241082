export { ChartFrame } from './ChartFrame';
