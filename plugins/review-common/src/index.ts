/**
 * The monthly engineering review: pure month, change and bottleneck math and
 * the row model shared by the review backend and frontend.
 *
 * @packageDocumentation
 */
export * from './month';
export * from './change';
export * from './bottlenecks';
export * from './recovery';
export * from './gate';
export * from './sloMonth';
export * from './scope';
export * from './types';
export * from './permissions';
export * from './csv';
