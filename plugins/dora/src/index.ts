/**
 * Frontend of the DORA plugin: the engineering-leads page, an entity tab and a group card.
 *
 * @packageDocumentation
 */
export { doraPlugin as default } from './plugin';
