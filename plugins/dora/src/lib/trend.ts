import type { DoraKey, Trend } from '@internal/plugin-dora-common';
import { higherIsBetter } from './keys';

export type Arrow = 'up' | 'down' | 'flat';

export interface TrendView {
  /** Which way the value moved, regardless of whether that is good. */
  arrow: Arrow;
  /** Whether the move is an improvement for this key; `undefined` when flat. */
  good: boolean | undefined;
  /** Relative change against the previous window; `undefined` if that was 0. */
  relative: number | undefined;
}

/**
 * Direction and judgement of a key's trend. Derived from the delta and the
 * key, not from the backend's `direction`, so an arrow can never point one
 * way while saying the other; `undefined` when either window had no data.
 */
export function trendView(
  key: DoraKey,
  trend: Partial<Trend> | undefined,
): TrendView | undefined {
  const delta = trend?.delta;
  const previous = trend?.previous;
  if (typeof delta !== 'number' || !Number.isFinite(delta)) return undefined;
  const relative =
    typeof previous === 'number' && previous !== 0
      ? delta / Math.abs(previous)
      : undefined;
  if (delta === 0) return { arrow: 'flat', good: undefined, relative };
  const arrow: Arrow = delta > 0 ? 'up' : 'down';
  const good = arrow === 'up' ? higherIsBetter(key) : !higherIsBetter(key);
  return { arrow, good, relative };
}

export function trendDescription(view: TrendView | undefined): string {
  if (!view) return 'No trend: no data in one of the windows';
  if (view.arrow === 'flat') return 'Unchanged from the previous window';
  const size =
    view.relative === undefined
      ? ''
      : ` ${Math.round(Math.abs(view.relative) * 100)}%`;
  return `${
    view.arrow === 'up' ? 'Up' : 'Down'
  }${size} from the previous window (${view.good ? 'better' : 'worse'})`;
}
