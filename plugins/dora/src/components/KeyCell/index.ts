export { KeyCell } from './KeyCell';
