import { isMonth } from '@internal/portal-common';
import type { DoraWindow } from '../api/types';

export const WINDOWS: readonly DoraWindow[] = ['7d', '30d', '90d', '180d'];
export const DEFAULT_WINDOW: DoraWindow = '30d';
export const DEFAULT_ENVIRONMENT = 'production';
/** The backend has no list of environments; these are the ones our pipelines report. */
export const ENVIRONMENTS: readonly string[] = ['production', 'staging'];

/** Everything that shapes the leads page, so a link reproduces the view. */
export interface DoraViewState {
  window: DoraWindow;
  /** A UTC calendar month `YYYY-MM`; when set, every figure is of that month, not `window`. */
  month?: string;
  environment: string;
  /** Group ref of the team drilled into. */
  team?: string;
  /** Entity ref of the service whose deployments are listed. */
  service?: string;
}

export const DEFAULT_VIEW_STATE: DoraViewState = {
  window: DEFAULT_WINDOW,
  environment: DEFAULT_ENVIRONMENT,
};

export function isDoraWindow(value: unknown): value is DoraWindow {
  return typeof value === 'string' && (WINDOWS as string[]).includes(value);
}

// Same shape as the backend's environment rule, so a hand-edited link cannot produce a 400.
const ENVIRONMENT_PATTERN = /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/;

/** Unknown or malformed values fall back to defaults rather than breaking a shared link. */
export function parseViewState(params: URLSearchParams): DoraViewState {
  const window = params.get('window');
  const month = params.get('month');
  const environment = params.get('env')?.toLowerCase();
  const team = params.get('team') || undefined;
  // A service only makes sense inside the team it was picked from.
  const service = (team && params.get('service')) || undefined;
  return {
    window: isDoraWindow(window) ? window : DEFAULT_WINDOW,
    ...(isMonth(month) ? { month } : {}),
    environment:
      environment && ENVIRONMENT_PATTERN.test(environment)
        ? environment
        : DEFAULT_ENVIRONMENT,
    team,
    service,
  };
}

/** Defaults are left out so the plain page URL stays `/dora`. */
export function serializeViewState(state: DoraViewState): URLSearchParams {
  const params = new URLSearchParams();
  // A month replaces the window, so only one of them is in the link.
  if (state.month) params.set('month', state.month);
  else if (state.window !== DEFAULT_WINDOW) params.set('window', state.window);
  if (state.environment !== DEFAULT_ENVIRONMENT) {
    params.set('env', state.environment);
  }
  if (state.team) {
    params.set('team', state.team);
    if (state.service) params.set('service', state.service);
  }
  return params;
}

export function windowDays(window: DoraWindow): number {
  return Number(window.slice(0, -1));
}
