/**
 * The monthly engineering review backend.
 *
 * @packageDocumentation
 */
export { reviewPlugin as default } from './plugin';
