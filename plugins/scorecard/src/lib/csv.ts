import type { EntityScorecard } from '@internal/plugin-scorecard-common';

function cell(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  // Quote what would break the row; a leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The matrix as shown: one row per entity, one column per check (its state). */
export function scorecardsToCsv(
  items: EntityScorecard[],
  checkIds: string[],
): string {
  const header = ['entity', 'owner', 'system', 'level', 'score', ...checkIds];
  const rows = items.map(item => {
    const state = new Map(item.results.map(r => [r.checkId, r.state]));
    return [
      item.entityRef,
      item.owner,
      item.system,
      item.level ?? 'none',
      item.score,
      ...checkIds.map(id => state.get(id) ?? ''),
    ];
  });
  return `${[header, ...rows].map(r => r.map(cell).join(',')).join('\n')}\n`;
}
