export { startPortalBackend, freePort, repoRoot } from './startPortalBackend';
export type {
  PortalBackend,
  StartPortalBackendOptions,
} from './startPortalBackend';
export { PortalClient } from './PortalClient';
