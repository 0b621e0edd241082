export { SloDetailPage } from './SloDetailPage';
