import { isMonth } from '@internal/portal-common';
import type { SloMonthItem, SloStatus, SloWithState } from '../api/types';
import { normalizeRef } from './refs';
import {
  STATUS_ORDER,
  burnRateOver,
  isSloStatus,
  remainingBudget,
} from './status';

export type SortKey =
  | 'budget'
  | 'name'
  | 'objective'
  | 'sli'
  | 'burn'
  | 'status';
export type SortDirection = 'asc' | 'desc';

export const SORT_KEYS: readonly SortKey[] = [
  'budget',
  'name',
  'objective',
  'sli',
  'burn',
  'status',
];

/**
 * The direction a column sorts in when first chosen: worst first for the
 * measures (least budget, lowest SLI, fastest burn, critical status), A→Z
 * for names, strictest objective first.
 */
export const DEFAULT_DIRECTIONS: Record<SortKey, SortDirection> = {
  budget: 'asc',
  name: 'asc',
  objective: 'desc',
  sli: 'asc',
  burn: 'desc',
  status: 'asc',
};

/** Everything that shapes the org-wide page, so a URL reproduces a view. */
export interface ListViewState {
  /** A team and its sub-teams; the backend resolves the sub-teams, the page asks it. */
  owner?: string;
  system?: string;
  /** One entity's SLOs (the monthly review's service rows link here). */
  entity?: string;
  status?: SloStatus;
  sort: SortKey;
  direction: SortDirection;
  /** A UTC calendar month `YYYY-MM`: the page shows each SLO over that month instead of now. */
  month?: string;
}

/** Least remaining budget first, as the backend's `sort=budget`. */
export const DEFAULT_LIST_VIEW: ListViewState = {
  sort: 'budget',
  direction: 'asc',
};

function isSortKey(value: unknown): value is SortKey {
  return SORT_KEYS.includes(value as SortKey);
}

/** Unknown or malformed values fall back to defaults rather than breaking a shared link. */
export function parseListView(params: URLSearchParams): ListViewState {
  const sortParam = params.get('sort');
  const sort = isSortKey(sortParam) ? sortParam : DEFAULT_LIST_VIEW.sort;
  const dir = params.get('dir');
  const status = params.get('status');
  const month = params.get('month');
  return {
    ...(isMonth(month) ? { month } : {}),
    owner: params.get('owner') || undefined,
    system: params.get('system') || undefined,
    entity: params.get('entity') || undefined,
    status: isSloStatus(status) ? status : undefined,
    sort,
    direction: dir === 'asc' || dir === 'desc' ? dir : DEFAULT_DIRECTIONS[sort],
  };
}

/** Defaults are left out, so the plain page has a clean URL. */
export function serializeListView(state: ListViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.month) params.set('month', state.month);
  if (state.owner) params.set('owner', state.owner);
  if (state.system) params.set('system', state.system);
  if (state.entity) params.set('entity', state.entity);
  if (state.status) params.set('status', state.status);
  if (state.sort !== DEFAULT_LIST_VIEW.sort) params.set('sort', state.sort);
  if (state.direction !== DEFAULT_DIRECTIONS[state.sort]) {
    params.set('dir', state.direction);
  }
  return params;
}

/** Clicking the sorted column flips it; another column starts worst first. */
export function toggleSort(state: ListViewState, key: SortKey): ListViewState {
  if (state.sort === key) {
    return { ...state, direction: state.direction === 'asc' ? 'desc' : 'asc' };
  }
  return { ...state, sort: key, direction: DEFAULT_DIRECTIONS[key] };
}

/** The value a row sorts by; null (no data) always sorts last. */
function sortValue(row: SloWithState, key: SortKey): number | string | null {
  switch (key) {
    case 'budget':
      return remainingBudget(row.state);
    case 'name':
      return row.slo.id;
    case 'objective':
      return row.slo.objectivePercent;
    case 'sli':
      return row.state.sli;
    case 'burn':
      return burnRateOver(row.state);
    case 'status':
      return STATUS_ORDER.indexOf(row.state.status);
    default:
      return null;
  }
}

export function compareRows(
  a: SloWithState,
  b: SloWithState,
  sort: SortKey,
  direction: SortDirection,
): number {
  const byId = a.slo.id.localeCompare(b.slo.id);
  const va = sortValue(a, sort);
  const vb = sortValue(b, sort);
  if (va === null || vb === null) {
    if (va === vb) return byId;
    return va === null ? 1 : -1;
  }
  let diff: number;
  if (typeof va === 'string' || typeof vb === 'string') {
    diff = String(va).localeCompare(String(vb));
  } else if (va === vb) {
    // Also covers two -Infinity budgets, whose difference would be NaN.
    diff = 0;
  } else {
    diff = va < vb ? -1 : 1;
  }
  if (diff === 0) return byId;
  return direction === 'asc' ? diff : -diff;
}

/**
 * The backend's answer for the view's owner and entity (see {@link scopeFilter}) narrowed by
 * system and status and sorted, with the same semantics as `GET /slos`; never mutates its input.
 */
export function applyListView(
  rows: SloWithState[],
  state: Partial<ListViewState>,
): SloWithState[] {
  const system = state.system && normalizeRef(state.system, 'system');
  const sort = state.sort ?? DEFAULT_LIST_VIEW.sort;
  const direction = state.direction ?? DEFAULT_DIRECTIONS[sort];
  return rows
    .filter(
      r => !system || (r.system && normalizeRef(r.system, 'system')) === system,
    )
    .filter(r => !state.status || r.state.status === state.status)
    .sort((a, b) => compareRows(a, b, sort, direction));
}

/**
 * The month view's rows: the system filter as {@link applyListView} applies it, least budget
 * left at month end first, SLOs without events in the month last.
 */
export function applyMonthView(
  rows: SloMonthItem[],
  state: Partial<ListViewState>,
): SloMonthItem[] {
  const system = state.system && normalizeRef(state.system, 'system');
  const left = (r: SloMonthItem) => r.budgetRemaining ?? Infinity;
  return rows
    .filter(
      r => !system || (r.system && normalizeRef(r.system, 'system')) === system,
    )
    .sort((a, b) => {
      // Compared, not subtracted: two SLOs without events (Infinity) would give NaN.
      if (left(a) === left(b)) return a.slo.id.localeCompare(b.slo.id);
      return left(a) < left(b) ? -1 : 1;
    });
}

/**
 * The spec errors the list view shows: those of the backend's answer for the view's owner and
 * entity that match its system filter, and none when it filters by status (a broken spec has
 * no status).
 */
export function applyErrorView<E extends { system?: string }>(
  errors: E[],
  state: Partial<ListViewState>,
): E[] {
  if (state.status) return [];
  const system = state.system && normalizeRef(state.system, 'system');
  return errors.filter(
    e => !system || (e.system && normalizeRef(e.system, 'system')) === system,
  );
}

/**
 * What the page asks the backend for: the owner (with its sub-teams, which only the catalog
 * knows) and the entity. Undefined when the view has neither, so the page reuses the full list.
 */
export function scopeFilter(
  state: Partial<ListViewState>,
): { owner?: string; entityRef?: string } | undefined {
  if (!state.owner && !state.entity) return undefined;
  return {
    ...(state.owner ? { owner: state.owner } : {}),
    ...(state.entity ? { entityRef: state.entity } : {}),
  };
}

/** The distinct owners or systems of the rows, sorted, for the filter options. */
export function distinctValues(
  rows: SloWithState[],
  key: 'owner' | 'system' | 'entityRef',
): string[] {
  const values = new Set<string>();
  for (const r of rows) {
    const v = r[key];
    if (v) values.add(v);
  }
  return [...values].sort();
}

/** How many SLOs are in each status. */
export function countByStatus(rows: SloWithState[]): Record<SloStatus, number> {
  const counts: Record<SloStatus, number> = {
    critical: 0,
    warning: 0,
    healthy: 0,
    'no-data': 0,
  };
  for (const r of rows) counts[r.state.status] += 1;
  return counts;
}

/** History resolutions offered on the detail page; the backend's default first. */
export const RESOLUTIONS = ['1h', '6h', '1d'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const DEFAULT_RESOLUTION: Resolution = '1h';

export function parseResolution(params: URLSearchParams): Resolution {
  const value = params.get('resolution');
  return RESOLUTIONS.includes(value as Resolution)
    ? (value as Resolution)
    : DEFAULT_RESOLUTION;
}

/** The detail page's query string: the SLO id, and the resolution unless default. */
export function detailSearch(id: string, resolution?: Resolution): string {
  const params = new URLSearchParams({ id });
  if (resolution && resolution !== DEFAULT_RESOLUTION) {
    params.set('resolution', resolution);
  }
  return `?${params}`;
}
