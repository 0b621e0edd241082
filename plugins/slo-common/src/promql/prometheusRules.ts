import { stringify } from 'yaml';
import { alertWindows } from '../math/alerts';
import { nominalWindowSeconds } from '../math/window';
import { formatDuration } from '../parsers/duration';
import { Slo } from '../types';
import { errorRatioQuery } from './windowedQueries';

/** A Prometheus recording rule. */
export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

/** A Prometheus alerting rule. */
export interface AlertingRule {
  alert: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A group of a Prometheus rules file. */
export interface RuleGroup {
  name: string;
  rules: Array<RecordingRule | AlertingRule>;
}

/** The short windows Sloth records error ratios for; the SLO period is added to them. */
export const RULE_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];

// Floating point noise (1 - 0.999 = 0.0010000000000000009) does not belong in rules.
function num(n: number): string {
  return String(Number(n.toPrecision(12)));
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

function alertName(slo: Slo, suffix: string): string {
  const words = `${slo.service} ${slo.name}`
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map(w => w[0].toUpperCase() + w.slice(1));
  const name = words.join('');
  return `${/^[0-9]/.test(name) ? 'Slo' : ''}${name}${suffix}`;
}

/**
 * Sloth-style rule groups for one SLO: error ratio recordings per window
 * (5m … 3d, plus the SLO period averaged over 5m ratios as Sloth does),
 * meta recordings (objective, budget, burn rates), and the multi-window
 * multi-burn-rate page and ticket alerts with factors rescaled to the
 * period by {@link alertWindows}.
 */
export function sloRuleGroups(slo: Slo): RuleGroup[] {
  const periodSeconds = nominalWindowSeconds(slo.window);
  const period = formatDuration(periodSeconds);
  const labels = {
    sloth_id: slo.id,
    sloth_service: slo.service,
    sloth_slo: slo.name,
  };
  const id = `sloth_id="${escapeLabel(slo.id)}"`;
  const budget = num(1 - slo.target);

  const sli: RecordingRule[] = RULE_WINDOWS.map(window => ({
    record: `slo:sli_error:ratio_rate${window}`,
    expr: errorRatioQuery(slo.indicator, window),
    labels: { ...labels, sloth_window: window },
  }));
  sli.push({
    record: `slo:sli_error:ratio_rate${period}`,
    expr: `sum_over_time(slo:sli_error:ratio_rate5m{${id}}[${period}])\n/ ignoring (sloth_window)\ncount_over_time(slo:sli_error:ratio_rate5m{${id}}[${period}])`,
    labels: { ...labels, sloth_window: period },
  });

  const burn = (window: string) =>
    `slo:sli_error:ratio_rate${window}{${id}}\n/ on(sloth_id, sloth_slo, sloth_service) group_left\nslo:error_budget:ratio{${id}}`;
  const meta: RecordingRule[] = [
    { record: 'slo:objective:ratio', expr: `vector(${num(slo.target)})` },
    { record: 'slo:error_budget:ratio', expr: `vector(${budget})` },
    {
      record: 'slo:time_period:days',
      expr: `vector(${num(periodSeconds / 86400)})`,
    },
    { record: 'slo:current_burn_rate:ratio', expr: burn('5m') },
    { record: 'slo:period_burn_rate:ratio', expr: burn(period) },
    {
      record: 'slo:period_error_budget_remaining:ratio',
      expr: `1 - slo:period_burn_rate:ratio{${id}}`,
    },
  ].map(r => ({ ...r, labels }));

  const pairs = alertWindows(periodSeconds);
  const alerts: AlertingRule[] = (['page', 'ticket'] as const)
    .map(severity => ({
      severity,
      conditions: pairs
        .filter(p => p.severity === severity)
        .map(p => {
          const over = (window: number) =>
            `max(slo:sli_error:ratio_rate${formatDuration(
              window,
            )}{${id}} > (${num(p.factor)} * ${budget})) without (sloth_window)`;
          return `(\n  ${over(p.longWindow)}\n  and\n  ${over(
            p.shortWindow,
          )}\n)`;
        }),
    }))
    .filter(s => s.conditions.length > 0)
    .map(({ severity, conditions }) => ({
      alert: alertName(
        slo,
        severity === 'page' ? 'BurnRatePage' : 'BurnRateTicket',
      ),
      expr: conditions.join('\nor\n'),
      labels: { ...labels, severity, sloth_severity: severity },
      annotations: {
        summary: `${slo.id} is burning its error budget too fast`,
        title: `(${severity}) ${slo.id}: error budget burn rate is too high`,
      },
    }));

  return [
    { name: `sloth-slo-sli-recordings-${slo.id}`, rules: sli },
    { name: `sloth-slo-meta-recordings-${slo.id}`, rules: meta },
    ...(alerts.length > 0
      ? [{ name: `sloth-slo-alerts-${slo.id}`, rules: alerts }]
      : []),
  ];
}

/**
 * A Prometheus rules file (YAML) for the given SLOs. An SLO whose queries cannot be turned
 * into rules is left out with a comment saying why, so one bad spec does not hide the others.
 */
export function prometheusRulesYaml(slos: Slo[]): string {
  const groups: RuleGroup[] = [];
  const skipped: string[] = [];
  for (const slo of slos) {
    try {
      groups.push(...sloRuleGroups(slo));
    } catch (e) {
      skipped.push(
        `# ${slo.id} skipped: ${(e as Error).message.replace(/\s+/g, ' ')}\n`,
      );
    }
  }
  // Rules share their labels objects: written out in full, not as YAML anchors and aliases.
  return `${skipped.join('')}${stringify(
    { groups },
    { lineWidth: 0, aliasDuplicateObjects: false },
  )}`;
}
