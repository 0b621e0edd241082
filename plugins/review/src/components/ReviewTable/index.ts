export { ReviewTable } from './ReviewTable';
