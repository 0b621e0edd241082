export { SloTable } from './SloTable';
export type { SloTableSort } from './SloTable';
