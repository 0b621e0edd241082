import { DORA_KEYS } from './change';
import { Review } from './types';

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote what a spreadsheet would split or misread, and neutralise formula prefixes.
  const safe =
    /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The month's review as CSV: one line per row, raw values in the dora
 * backend's units (deployments per day, milliseconds, ratios).
 *
 * @public
 */
export function reviewToCsv(review: Review): string {
  const header = [
    'month',
    'scope',
    'kind',
    'ref',
    'title',
    'team',
    ...DORA_KEYS.flatMap(k => [k, `${k}Tier`, `${k}Previous`]),
    'slos',
    'slosMet',
    'lowestBudgetLeft',
    'alertsFired',
    'freezeHours',
    'conformanceScore',
    ...(review.hasScorecard ? ['scorecardLevel'] : []),
    'leadTimeBottlenecks',
    'failureBottlenecks',
    'recoveryBottlenecks',
    'leadTimePullRequests',
    'gateDecisions',
    'gateDenials',
  ];
  const lines = review.rows.map(row => [
    review.month,
    review.scope,
    row.kind,
    row.ref,
    row.title,
    row.team,
    ...DORA_KEYS.flatMap(k => [
      row.dora[k].value,
      row.dora[k].tier,
      row.dora[k].change.previous,
    ]),
    row.slo?.slos,
    row.slo?.met,
    row.slo?.lowestBudgetLeft,
    row.slo?.alertsFired,
    row.slo?.freezeHours,
    row.conformance?.score,
    ...(review.hasScorecard ? [row.scorecardLevel] : []),
    row.bottlenecks.leadTime.map(b => b.id).join(' '),
    row.bottlenecks.failures.map(b => b.id).join(' '),
    (row.bottlenecks.recovery ?? []).map(b => b.id).join(' '),
    row.leadTimeChanges?.pullRequests.join(' '),
    row.gate?.decisions,
    row.gate?.denials,
  ]);
  return `${[header, ...lines]
    .map(l => l.map(cell).join(','))
    .join('\r\n')}\r\n`;
}
