import { Change, Deployment, Incident } from './types';

/**
 * The identity of a deployment: its source, its entity and its id. The same id from the same
 * source for two entities is two deployments, so each entity has its own namespace and no sender
 * can take (or pre-empt) an id of another entity's events.
 *
 * @public
 */
export function deploymentKey(
  d: Pick<Deployment, 'entityRef' | 'source' | 'id'>,
): string {
  // JSON, not a separator: ids and sources are free text and may contain any character.
  return JSON.stringify([d.entityRef, d.source, d.id]);
}

/**
 * The identity of an incident: its entity and its id (incidents carry no source; the plugin's
 * own sources prefix theirs, e.g. `github:<repo>#<number>`).
 *
 * @public
 */
export function incidentKey(i: Pick<Incident, 'entityRef' | 'id'>): string {
  return JSON.stringify([i.entityRef, i.id]);
}

/**
 * The identity of a change record: its entity (none for an entity-less record) and its SHA. A
 * commit shared by several entities (a monorepo) may have a record per entity and one without;
 * each entity counts its own, else the entity-less one (see changesByEntity).
 *
 * @public
 */
export function changeKey(c: Pick<Change, 'entityRef' | 'sha'>): string {
  return JSON.stringify([c.entityRef ?? '', c.sha]);
}
