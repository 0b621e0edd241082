/**
 * Isomorphic code shared by the portal's plugins, so each thing is written once: calendar
 * periods and months (on luxon) and the seeded random source behind demo data, fixtures and
 * benches.
 *
 * @packageDocumentation
 */
export {
  calendarPeriod,
  isMonth,
  isTimeZone,
  localDate,
  monthLabel,
  monthRange,
  recentMonths,
} from './calendar';
export type { CalendarPeriod, CalendarUnit } from './calendar';
export { createRandom, hashSeed, mulberry32 } from './random';
export type { Random } from './random';
