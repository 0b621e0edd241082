export { QueuedNote } from './QueuedNote';
