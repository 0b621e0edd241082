import { InputError } from '@backstage/errors';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

/** Severity of a burn rate alert. */
export type AlertSeverity = 'page' | 'ticket';

/** One multi-window burn rate condition: both windows must exceed `factor`. */
export interface AlertWindowPair {
  severity: AlertSeverity;
  /** Seconds. */
  longWindow: number;
  /** Seconds; guards against alerting long after the burn stopped. */
  shortWindow: number;
  /** Share of the period's budget this condition spends before firing. */
  budgetShare: number;
  /** Burn rate threshold: budgetShare × period / longWindow. */
  factor: number;
}

// Google SRE Workbook ch. 5, "Multiwindow, multi-burn-rate alerts".
const WORKBOOK_PAIRS: Array<Omit<AlertWindowPair, 'factor'>> = [
  {
    severity: 'page',
    longWindow: HOUR,
    shortWindow: 5 * MINUTE,
    budgetShare: 0.02,
  },
  {
    severity: 'page',
    longWindow: 6 * HOUR,
    shortWindow: 30 * MINUTE,
    budgetShare: 0.05,
  },
  {
    severity: 'ticket',
    longWindow: DAY,
    shortWindow: 2 * HOUR,
    budgetShare: 0.1,
  },
  {
    severity: 'ticket',
    longWindow: 3 * DAY,
    shortWindow: 6 * HOUR,
    budgetShare: 0.1,
  },
];

/**
 * The Workbook's four alert conditions with burn rate factors rescaled to
 * an SLO period, so each still fires after spending the same budget share
 * (for 30 days: 14.4, 6, 3 and 1).
 *
 * Conditions whose long window exceeds the period are left out: a window
 * longer than the SLO period measures traffic the SLO no longer counts.
 */
export function alertWindows(periodSeconds: number): AlertWindowPair[] {
  if (!(periodSeconds > 0) || !Number.isFinite(periodSeconds)) {
    throw new InputError(
      `periodSeconds must be a positive number, got ${periodSeconds}`,
    );
  }
  return WORKBOOK_PAIRS.filter(p => p.longWindow <= periodSeconds).map(p => ({
    ...p,
    factor: Number(
      ((p.budgetShare * periodSeconds) / p.longWindow).toPrecision(12),
    ),
  }));
}

/** The distinct windows (seconds, ascending) the collector must compute burn rates for. */
export function alertWindowSeconds(periodSeconds: number): number[] {
  const all = alertWindows(periodSeconds).flatMap(p => [
    p.shortWindow,
    p.longWindow,
  ]);
  return [...new Set(all)].sort((a, b) => a - b);
}

/** A condition that currently fires, with the burn rates that made it fire. */
export interface FiringAlert {
  severity: AlertSeverity;
  longWindow: number;
  shortWindow: number;
  factor: number;
  longBurn: number;
  shortBurn: number;
}

/** Result of {@link alertState}. */
export interface AlertState {
  /** The worst firing severity; 'no-data' when no window has a burn rate. */
  severity: AlertSeverity | 'none' | 'no-data';
  firing: FiringAlert[];
}

function known(v: number | undefined): v is number {
  return v !== undefined && !Number.isNaN(v);
}

/**
 * Evaluates the multi-window conditions against burn rates keyed by window
 * length in seconds. A condition fires only when both its windows have data
 * and both exceed the factor; a window without data never fires, because
 * absence of traffic is not evidence of burning.
 */
export function alertState(
  burnRates: Record<number, number | undefined>,
  periodSeconds: number,
): AlertState {
  const pairs = alertWindows(periodSeconds);
  const firing: FiringAlert[] = [];
  for (const p of pairs) {
    const longBurn = burnRates[p.longWindow];
    const shortBurn = burnRates[p.shortWindow];
    if (
      known(longBurn) &&
      known(shortBurn) &&
      longBurn > p.factor &&
      shortBurn > p.factor
    ) {
      firing.push({
        severity: p.severity,
        longWindow: p.longWindow,
        shortWindow: p.shortWindow,
        factor: p.factor,
        longBurn,
        shortBurn,
      });
    }
  }
  let severity: AlertState['severity'] = 'none';
  if (firing.some(f => f.severity === 'page')) {
    severity = 'page';
  } else if (firing.length > 0) {
    severity = 'ticket';
  } else if (
    !alertWindowSeconds(periodSeconds).some(w => known(burnRates[w]))
  ) {
    severity = 'no-data';
  }
  return { severity, firing };
}
