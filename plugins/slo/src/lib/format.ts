import type { Window } from '@internal/plugin-slo-common';

/** What every formatter shows for a missing value: never "NaN", never "0%". */
export const NO_DATA = 'no data';

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && !Number.isNaN(value);
}

// Number() drops trailing zeros ("31.10" → 31.1) and turns -0 into 0.
function trim(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)) + 0);
}

/** A fraction as a percentage with up to `digits` decimals: 0.3114 → "31.1%". */
export function formatPercent(
  fraction: number | null | undefined,
  digits = 1,
): string {
  if (!isNumber(fraction)) return NO_DATA;
  if (!Number.isFinite(fraction)) return fraction > 0 ? '∞%' : '-∞%';
  return `${trim(fraction * 100, digits)}%`;
}

/**
 * An SLI as a percentage with up to three decimals, truncated rather than
 * rounded: 0.99996 is "99.999%", so an SLI below 100% never reads as 100%
 * and one just under the objective never reads as meeting it.
 */
export function formatSli(fraction: number | null | undefined): string {
  if (!isNumber(fraction) || !Number.isFinite(fraction)) return NO_DATA;
  const thousandths = Math.floor(fraction * 100_000 + 1e-6) / 1000;
  return `${trim(thousandths, 3)}%`;
}

/** An objective in percent: 99.9 → "99.9%". */
export function formatObjective(objectivePercent: number): string {
  return `${trim(objectivePercent, 4)}%`;
}

/**
 * A remaining error budget. -Infinity is how a 100% objective reports any
 * failure; it is exhausted rather than "-∞%".
 */
export function formatBudget(remaining: number | null | undefined): string {
  if (!isNumber(remaining)) return NO_DATA;
  if (remaining === -Infinity) return 'exhausted';
  return formatPercent(remaining);
}

/** A burn rate as a multiple of the sustainable pace: 14.4 → "14.4×", 0.213 → "0.21×". */
export function formatBurnRate(rate: number | null | undefined): string {
  if (!isNumber(rate)) return NO_DATA;
  if (!Number.isFinite(rate)) return '∞×';
  return `${trim(rate, Math.abs(rate) >= 10 ? 1 : 2)}×`;
}

/**
 * An alert threshold, exact to four significant digits (13.44× for a
 * 28-day window), where a measured burn rate would be rounded.
 */
export function formatFactor(factor: number): string {
  return `${Number(factor.toPrecision(4))}×`;
}

const UNITS: Array<[string, number]> = [
  ['w', 7 * 86400],
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/**
 * A duration in seconds, in at most two units, rounded down: 3600 → "1h",
 * 5400 → "1h 30m", 2592000 → "30d", 100000 → "1d 3h". Weeks only for exact
 * multiples, so 30 days stays "30d" as SLO specs write it.
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (!isNumber(seconds)) return NO_DATA;
  if (!Number.isFinite(seconds)) return '∞';
  let rest = Math.floor(Math.max(0, seconds));
  if (rest === 0) return '0s';
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    if (unit === 'w' && rest % size !== 0) continue;
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
      if (parts.length === 2) break;
    } else if (parts.length > 0) {
      // Keep units adjacent: "1d 3h", never "1d 12m".
      break;
    }
  }
  return parts.join(' ');
}

/** An SLO window for people: "rolling 30d", "calendar month (Europe/Berlin)". */
export function formatSloWindow(window: Window): string {
  if (window.kind === 'rolling') {
    return `rolling ${formatDuration(window.seconds)}`;
  }
  return `calendar ${window.unit}${
    window.timeZone && window.timeZone !== 'UTC' ? ` (${window.timeZone})` : ''
  }`;
}

/** An epoch-seconds instant in the viewer's locale and time zone. */
export function formatTime(epochSeconds: number | null | undefined): string {
  if (!isNumber(epochSeconds)) return NO_DATA;
  return new Date(epochSeconds * 1000).toLocaleString();
}
