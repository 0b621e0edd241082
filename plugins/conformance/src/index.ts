/**
 * Frontend of the golden-path conformance plugin: an entity card and tab, a
 * group card and a catalog-wide page.
 *
 * @packageDocumentation
 */
export { conformancePlugin as default } from './plugin';
export {
  ConformanceClient,
  conformanceApiRef,
  type ConformanceApi,
  type EntitySummary,
  type EntitySummaryFilter,
} from './api';
