export { TeamServices } from './TeamServices';
