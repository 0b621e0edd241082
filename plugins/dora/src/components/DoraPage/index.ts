export { DoraPage } from './DoraPage';
