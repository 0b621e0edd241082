export { RefreshButton, REFRESH_DENIED } from './RefreshButton';
export type { RefreshButtonProps } from './RefreshButton';
