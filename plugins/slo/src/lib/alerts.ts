import {
  AlertWindowPair,
  Slo,
  alertWindows,
  nominalWindowSeconds,
} from '@internal/plugin-slo-common';
import type { AlertSeverity, SloState } from '../api/types';
import { formatFactor } from './format';

/** One multi-window burn rate rule with the SLO's current burn rates. */
export interface AlertRuleRow {
  severity: AlertSeverity;
  longWindow: number;
  shortWindow: number;
  factor: number;
  longBurn: number | null;
  shortBurn: number | null;
  /** 'no-data' when either window had no traffic: such a rule cannot fire. */
  state: 'firing' | 'ok' | 'no-data';
}

/**
 * The SLO's alert rules: the Workbook conditions rescaled to its window, the
 * same shared function the backend evaluates (so factors match the alerts it
 * reports), joined with the state's burn rates. Whether a rule fires is taken
 * from the API's `alert.firing`, not re-judged here.
 */
export function alertRules(slo: Slo, state: SloState): AlertRuleRow[] {
  const burn = new Map(state.burnRates.map(b => [b.windowSeconds, b.burnRate]));
  return alertWindows(nominalWindowSeconds(slo.window)).map(
    (rule: AlertWindowPair): AlertRuleRow => {
      const firing = state.alert.firing.find(
        f =>
          f.severity === rule.severity &&
          f.longWindow === rule.longWindow &&
          f.shortWindow === rule.shortWindow,
      );
      const longBurn = firing ? firing.longBurn : burn.get(rule.longWindow);
      const shortBurn = firing ? firing.shortBurn : burn.get(rule.shortWindow);
      let ruleState: AlertRuleRow['state'] = 'ok';
      if (firing) ruleState = 'firing';
      else if (longBurn === null || longBurn === undefined)
        ruleState = 'no-data';
      else if (shortBurn === null || shortBurn === undefined) {
        ruleState = 'no-data';
      }
      return {
        severity: rule.severity,
        longWindow: rule.longWindow,
        shortWindow: rule.shortWindow,
        factor: rule.factor,
        longBurn: longBurn ?? null,
        shortBurn: shortBurn ?? null,
        state: ruleState,
      };
    },
  );
}

/** A burn rate threshold to draw on a chart, one per distinct factor. */
export interface BurnThreshold {
  factor: number;
  severity: AlertSeverity;
  /** e.g. "page 14.4× (1h/5m)". */
  label: string;
}

/**
 * The distinct factors of the SLO's alert rules, most severe first. Rules
 * sharing a factor share a line; the label names every window pair.
 */
export function burnThresholds(
  rules: Array<
    Pick<AlertRuleRow, 'severity' | 'factor' | 'longWindow' | 'shortWindow'>
  >,
  formatWindow: (seconds: number) => string,
): BurnThreshold[] {
  const byFactor = new Map<number, BurnThreshold & { windows: string[] }>();
  for (const rule of rules) {
    const windows = `${formatWindow(rule.longWindow)}/${formatWindow(
      rule.shortWindow,
    )}`;
    const existing = byFactor.get(rule.factor);
    if (existing) {
      existing.windows.push(windows);
      if (rule.severity === 'page') existing.severity = 'page';
    } else {
      byFactor.set(rule.factor, {
        factor: rule.factor,
        severity: rule.severity,
        label: '',
        windows: [windows],
      });
    }
  }
  return [...byFactor.values()]
    .sort((a, b) => b.factor - a.factor)
    .map(({ factor, severity, windows }) => ({
      factor,
      severity,
      label: `${severity} ${formatFactor(factor)} (${windows.join(', ')})`,
    }));
}
