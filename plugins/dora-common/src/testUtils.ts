import { HOUR_MS } from './time';
import { Change, Deployment, Incident } from './types';

/** 2024-01-01T00:00:00Z, a Monday, so day and week buckets line up. */
export const T0 = Date.UTC(2024, 0, 1);

/** ISO timestamp `hours` after T0. */
export function at(hours: number): string {
  return new Date(T0 + hours * HOUR_MS).toISOString();
}

/** ISO timestamp `days` (plus `hours`) after T0. */
export function day(days: number, hours = 0): string {
  return at(days * 24 + hours);
}

/** Epoch milliseconds `days` after T0. */
export function dayMs(days: number): number {
  return T0 + days * 24 * HOUR_MS;
}

/** A deterministic full SHA for a small number. */
export function sha(n: number): string {
  return n.toString(16).padStart(40, '0');
}

export const SVC = 'component:default/svc';
export const OTHER = 'component:default/other';

export function deployment(
  fields: Partial<Deployment> & Pick<Deployment, 'id'>,
): Deployment {
  return {
    entityRef: SVC,
    environment: 'production',
    status: 'success',
    type: 'normal',
    finishedAt: at(0),
    commitShas: [],
    source: 'test',
    ...fields,
  };
}

export function change(fields: Partial<Change> & Pick<Change, 'sha'>): Change {
  return { committedAt: at(0), ...fields };
}

export function incident(
  fields: Partial<Incident> & Pick<Incident, 'id'>,
): Incident {
  return { entityRef: SVC, openedAt: at(0), ...fields };
}
