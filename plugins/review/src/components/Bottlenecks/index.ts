export { Bottlenecks } from './Bottlenecks';
