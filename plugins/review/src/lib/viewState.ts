import { isMonth } from '@internal/plugin-review-common';

/** Everything that shapes the review page, so a link reproduces it (and the print view). */
export interface ReviewViewState {
  /** `undefined`: the backend's default, the last full month. */
  month?: string;
  /** `organization`, a group ref or a system ref. */
  scope: string;
  print: boolean;
}

/** Malformed values fall back to defaults rather than breaking a shared link. */
export function parseViewState(params: URLSearchParams): ReviewViewState {
  const month = params.get('month');
  return {
    month: isMonth(month) ? month : undefined,
    scope: params.get('scope') || 'organization',
    print: params.get('print') === '1',
  };
}

/** Defaults are left out, so the plain page URL stays `/review`. */
export function serializeViewState(state: ReviewViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.month) params.set('month', state.month);
  if (state.scope !== 'organization') params.set('scope', state.scope);
  if (state.print) params.set('print', '1');
  return params;
}
