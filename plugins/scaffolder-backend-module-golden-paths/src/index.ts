/**
 * Scaffolder actions of the portal's golden paths.
 *
 * @packageDocumentation
 */
export { goldenPathsModule as default } from './module';
