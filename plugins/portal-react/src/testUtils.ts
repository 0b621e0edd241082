/**
 * Test helpers shared by the portal's frontend plugins, imported from
 * `@internal/portal-react/testUtils` in tests only.
 *
 * @packageDocumentation
 */
export { installFixedSizeResizeObserver } from './testUtils/resizeObserver';
export { clientTestApis, jsonResponse } from './testUtils/jsonResponse';
export { pending } from './testUtils/pending';
export {
  renderInPortalTestApp,
  type PortalTestAppOptions,
} from './testUtils/renderInPortalTestApp';
export {
  entityContentMount,
  entityFilterOf,
  pageMount,
} from './testUtils/extensions';
