export { EntitySlosTab } from './EntitySlosTab';
