import { InputError } from '@backstage/errors';
import { isTimeZone } from '@internal/portal-common';
import { Window } from './types';

/** Milliseconds in one hour. @public */
export const HOUR_MS = 3_600_000;
/** Milliseconds in one day (24 hours, not a calendar day). @public */
export const DAY_MS = 24 * HOUR_MS;
/** Milliseconds in one week (7 × 24 hours). @public */
export const WEEK_MS = 7 * DAY_MS;
/** Milliseconds in the "month" the benchmark tables use: 30 × 24 hours. @public */
export const MONTH_MS = 30 * DAY_MS;

/**
 * A window resolved to epoch milliseconds; still half-open `[from, to)`.
 *
 * @public
 */
export interface MsRange {
  from: number;
  to: number;
}

/**
 * Converts a window to milliseconds and rejects empty or inverted windows,
 * because every rate below divides by the window length.
 *
 * @public
 */
export function resolveWindow(window: Window): MsRange {
  const from = toMillis(window.from);
  const to = toMillis(window.to);
  if (!Number.isFinite(from)) {
    throw new InputError('window.from: must be a valid date');
  }
  if (!Number.isFinite(to)) {
    throw new InputError('window.to: must be a valid date');
  }
  if (to <= from) {
    throw new InputError('window.to: must be after window.from');
  }
  return { from, to };
}

/**
 * Throws an InputError unless `timeZone` is an IANA zone Intl knows.
 *
 * @public
 */
export function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) {
    throw new InputError(`timeZone: unknown time zone '${timeZone}'`);
  }
}

/**
 * The window of the same length immediately before `range`, used for trends.
 *
 * @public
 */
export function previousWindow(range: MsRange): MsRange {
  return { from: 2 * range.from - range.to, to: range.from };
}

/** True when `t` lies in the half-open range: `from` is in, `to` is out. */
export function inRange(t: number, range: MsRange): boolean {
  return t >= range.from && t < range.to;
}

function toMillis(value: Date | number): number {
  return value instanceof Date ? value.getTime() : value;
}

/**
 * Parses a timestamp that has already been validated (or produced by this
 * package); a malformed one is a programming error, so this throws plainly.
 */
export function ms(timestamp: string): number {
  const t = Date.parse(timestamp);
  if (Number.isNaN(t)) {
    throw new TypeError(`Invalid timestamp '${timestamp}'`);
  }
  return t;
}

// Date and time with a mandatory offset: local times without an offset are
// ambiguous, and guessing a zone would silently shift every lead time.
const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Parses a strict ISO 8601 date-time with offset (`Z` or `±hh:mm`) into
 * epoch milliseconds, or `undefined` when it is not one. Calendar-invalid
 * dates such as `2024-02-30` are rejected rather than rolled over.
 *
 * @public
 */
export function parseIsoTimestamp(value: string): number | undefined {
  const m = ISO_TIMESTAMP.exec(value);
  if (!m || !validDateTime(m)) {
    return undefined;
  }
  const t = Date.parse(value.toUpperCase());
  return Number.isNaN(t) ? undefined : t;
}

// The form toISOString produces, which most feeds send: a valid one is already normalised.
const CANONICAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}Z$/;

/**
 * A timestamp accepted by parseIsoTimestamp as the UTC ISO string of its
 * instant (`2024-01-01T01:30:00+01:00` → `2024-01-01T00:30:00.000Z`), or
 * `undefined` when parseIsoTimestamp rejects it.
 *
 * @public
 */
export function normalizeTimestamp(value: string): string | undefined {
  const canonical = CANONICAL.exec(value);
  if (canonical) {
    return validDateTime(canonical) ? value : undefined;
  }
  const t = parseIsoTimestamp(value);
  return t === undefined ? undefined : new Date(t).toISOString();
}

/** Groups 1-6 of either pattern: year, month, day, hour, minute, optional second. */
function validDateTime(m: RegExpExecArray): boolean {
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const second = m[6] ? Number(m[6]) : 0;
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    Number(m[4]) <= 23 &&
    Number(m[5]) <= 59 &&
    second <= 59
  );
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}
