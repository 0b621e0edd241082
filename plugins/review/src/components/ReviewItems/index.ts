export { ReviewItems } from './ReviewItems';
