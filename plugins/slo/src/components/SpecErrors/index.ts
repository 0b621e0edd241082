export { SpecErrors } from './SpecErrors';
