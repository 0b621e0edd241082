import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';

const UNITS = [
  ['years', 'year'],
  ['months', 'month'],
  ['weeks', 'week'],
  ['days', 'day'],
  ['hours', 'hour'],
  ['minutes', 'minute'],
  ['seconds', 'second'],
  ['milliseconds', 'millisecond'],
] as const;

/**
 * How often the evaluation runs, in words for the UI ("every 2 minutes"), from the schedule the
 * task was really registered with, so no page repeats a default the config has replaced.
 */
export function describeSchedule(
  frequency: SchedulerServiceTaskScheduleDefinition['frequency'],
): string {
  if ('cron' in frequency) return `on the schedule "${frequency.cron}" (cron)`;
  if ('trigger' in frequency) return 'only when triggered';
  // A luxon Duration (from an ISO string in config) or a plain HumanDuration object.
  const parts: Record<string, unknown> =
    typeof (frequency as { toObject?: unknown }).toObject === 'function'
      ? (frequency as { toObject(): Record<string, unknown> }).toObject()
      : (frequency as Record<string, unknown>);
  const words = UNITS.flatMap(([key, unit]) => {
    const n = Number(parts[key] ?? 0);
    if (!n) return [];
    return [n === 1 ? `1 ${unit}` : `${n} ${unit}s`];
  });
  if (words.length === 0) return 'continuously';
  // "every minute", not "every 1 minute".
  if (words.length === 1 && words[0].startsWith('1 ')) {
    return `every ${words[0].slice(2)}`;
  }
  return `every ${words.join(' ')}`;
}
