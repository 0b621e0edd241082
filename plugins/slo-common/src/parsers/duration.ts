import { InputError } from '@backstage/errors';
import { Window } from '../types';
import { SpecNode } from './node';

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 7 * 86400,
};

const CALENDAR_UNITS: Record<string, 'week' | 'month' | 'quarter'> = {
  w: 'week',
  M: 'month',
  Q: 'quarter',
};

type Result<T> = { value: T } | { error: string };

function durationResult(text: unknown): Result<number> {
  if (typeof text !== 'string' || text.trim() === '') {
    return { error: 'must be a duration such as "30d"' };
  }
  const trimmed = text.trim();
  if (/^\d+[MQY]$/.test(trimmed)) {
    return {
      error: `"${trimmed}" is a calendar period, which is only allowed for SLO windows`,
    };
  }
  if (!/^(\d+[smhdw])+$/.test(trimmed)) {
    return {
      error: `invalid duration "${trimmed}": use whole numbers followed by s, m, h, d or w (e.g. "30d", "12h", "1h30m")`,
    };
  }
  let seconds = 0;
  for (const [, n, unit] of trimmed.matchAll(/(\d+)([smhdw])/g)) {
    seconds += Number(n) * UNIT_SECONDS[unit];
  }
  if (seconds <= 0) {
    return { error: `duration "${trimmed}" must be longer than zero` };
  }
  return { value: seconds };
}

function windowResult(
  text: unknown,
  options: { calendar?: boolean; timeZone?: string },
): Result<Window> {
  const trimmed = typeof text === 'string' ? text.trim() : text;
  const calendarMatch =
    typeof trimmed === 'string' ? /^(\d+)([wMQY])$/.exec(trimmed) : null;
  const wantsCalendar =
    options.calendar ?? (calendarMatch !== null && calendarMatch[2] !== 'w');
  if (!wantsCalendar) {
    if (calendarMatch && calendarMatch[2] !== 'w') {
      return {
        error: `rolling windows need a fixed duration such as "30d"; "${trimmed}" is a calendar period`,
      };
    }
    const seconds = durationResult(trimmed);
    return 'error' in seconds
      ? seconds
      : { value: { kind: 'rolling', seconds: seconds.value } };
  }
  const unit = calendarMatch && CALENDAR_UNITS[calendarMatch[2]];
  if (!calendarMatch || calendarMatch[1] !== '1' || !unit) {
    return {
      error: `calendar windows must be one week, month or quarter ("1w", "1M" or "1Q"), got ${JSON.stringify(
        trimmed ?? null,
      )}`,
    };
  }
  return {
    value: {
      kind: 'calendar',
      unit,
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    },
  };
}

/**
 * Parses a Prometheus-style duration ("30d", "4w", "12h", "5m", "1h30m") to
 * seconds. Calendar periods ("1M", "1Q") are rejected because their length
 * varies; use {@link parseWindow} for SLO windows.
 *
 * @throws InputError when the text is not a positive duration.
 */
export function parseDuration(text: string): number {
  const result = durationResult(text);
  if ('error' in result) {
    throw new InputError(result.error);
  }
  return result.value;
}

/**
 * Parses an SLO window. Fixed durations are rolling windows; "1M" and "1Q"
 * are calendar-aligned month and quarter. Pass `calendar: true` to read "1w"
 * as a calendar week (OpenSLO `isRolling: false`) or `calendar: false` to
 * insist on a rolling window.
 *
 * @throws InputError when the text is not a supported window.
 */
export function parseWindow(
  text: string,
  options: { calendar?: boolean; timeZone?: string } = {},
): Window {
  const result = windowResult(text, options);
  if ('error' in result) {
    throw new InputError(result.error);
  }
  return result.value;
}

/** {@link parseDuration} for a spec field, failing with the field's path. */
export function durationAt(node: SpecNode): number {
  if (!node.present) {
    node.fail('is required');
  }
  const result = durationResult(node.value);
  return 'error' in result ? node.fail(result.error) : result.value;
}

/** {@link parseWindow} for a spec field, failing with the field's path. */
export function windowAt(
  node: SpecNode,
  options: { calendar?: boolean; timeZone?: string } = {},
): Window {
  if (!node.present) {
    node.fail('is required');
  }
  const result = windowResult(node.value, options);
  return 'error' in result ? node.fail(result.error) : result.value;
}

/** Renders seconds compactly for messages ("30d", "1h30m"). */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) {
    return `${seconds}s`;
  }
  let rest = Math.round(seconds);
  let out = '';
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}
