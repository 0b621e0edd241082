/**
 * Frontend of the SLO plugin: the org-wide SLO page, SLO detail pages, an entity tab and an overview card.
 *
 * @packageDocumentation
 */
export { sloPlugin as default } from './plugin';
