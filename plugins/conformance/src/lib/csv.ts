import type { EntitySummary } from '../api/types';

/**
 * Quotes a cell per RFC 4180: only when needed, doubling embedded quotes.
 * Leading/trailing spaces are quoted too because spreadsheet apps trim them otherwise.
 */
export function quoteCsvCell(
  value: string | number | null | undefined,
): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  if (/[",\r\n]/.test(text) || text !== text.trim()) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

export function toCsv(rows: (string | number | null | undefined)[][]): string {
  // CRLF is what RFC 4180 and Excel expect.
  const lines = rows.map(row => row.map(quoteCsvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * One row per entity: entity, owner, system, score, then the entity's worst
 * verdict for each check id (empty when the check produced no result).
 */
export function buildConformanceCsv(
  entities: EntitySummary[],
  checkIds: string[],
): string {
  const header = ['entity', 'owner', 'system', 'score', ...checkIds];
  const rows = entities.map(e => [
    e.entityRef,
    e.owner,
    e.system,
    e.score,
    ...checkIds.map(id => e.verdicts[id]),
  ]);
  return toCsv([header, ...rows]);
}

/** Triggers a browser download of `text`; kept apart so the builder stays pure. */
export function downloadTextFile(
  filename: string,
  text: string,
  mimeType = 'text/csv;charset=utf-8',
): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
}
