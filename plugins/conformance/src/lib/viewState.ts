import type { Severity } from '@internal/plugin-conformance-common';
import type { EntitySummary } from '../api/types';
import { isSeverity } from './verdicts';

export type SortDirection = 'asc' | 'desc';

/** Everything that shapes the catalog-wide page, so a URL reproduces a view. */
export interface PageViewState {
  owner?: string;
  system?: string;
  severity?: Severity;
  /** By score; 'asc' (worst first) is the default and is left out of the URL. */
  sort: SortDirection;
}

export const DEFAULT_VIEW_STATE: PageViewState = { sort: 'asc' };

/** Unknown or malformed values fall back to defaults rather than breaking a shared link. */
export function parseViewState(params: URLSearchParams): PageViewState {
  const owner = params.get('owner') || undefined;
  const system = params.get('system') || undefined;
  const severity = params.get('severity');
  const sort = params.get('sort');
  return {
    owner,
    system,
    severity: isSeverity(severity) ? severity : undefined,
    sort: sort === 'desc' ? 'desc' : 'asc',
  };
}

export function serializeViewState(state: PageViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.owner) params.set('owner', state.owner);
  if (state.system) params.set('system', state.system);
  if (state.severity) params.set('severity', state.severity);
  if (state.sort !== 'asc') params.set('sort', state.sort);
  return params;
}

/** Entities without a score (nothing counted) sort last in both directions. */
export function compareByScore(
  a: EntitySummary,
  b: EntitySummary,
  direction: SortDirection,
): number {
  if (a.score === null && b.score === null) {
    return a.entityRef.localeCompare(b.entityRef);
  }
  if (a.score === null) return 1;
  if (b.score === null) return -1;
  const diff = direction === 'asc' ? a.score - b.score : b.score - a.score;
  return diff !== 0 ? diff : a.entityRef.localeCompare(b.entityRef);
}

/** Same semantics as the backend's `GET /entities` filters. */
export function applyViewState(
  entities: EntitySummary[],
  state: PageViewState,
): EntitySummary[] {
  return entities
    .filter(e => !state.owner || e.owner === state.owner)
    .filter(e => !state.system || e.system === state.system)
    .filter(
      e => !state.severity || e.failingSeverities.includes(state.severity),
    )
    .sort((a, b) => compareByScore(a, b, state.sort));
}

export function distinctValues(
  entities: EntitySummary[],
  key: 'owner' | 'system',
): string[] {
  const values = new Set<string>();
  for (const e of entities) {
    const v = e[key];
    if (v) values.add(v);
  }
  return [...values].sort();
}
