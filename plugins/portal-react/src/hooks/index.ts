export { useViewState } from './useViewState';
