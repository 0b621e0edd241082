/**
 * DORA metrics: event ingestion and the five keys per entity, team, system and organisation.
 *
 * @packageDocumentation
 */
export { doraPlugin as default } from './plugin';
