import type { ReviewRow } from '@internal/plugin-review-common';

/**
 * The pages behind a row's cells, already filtered to the row. The /dora page reads `team` and
 * `service` (a service inside its team); /slos and /conformance read `owner` and `system`.
 * None of them has a calendar-month filter: they show their own rolling windows.
 */
export interface RowLinks {
  dora: string;
  slos: string;
  conformance: string;
}

export function rowLinks(row: ReviewRow, scope: string): RowLinks {
  const system = scope.startsWith('system:') ? scope : undefined;
  const team = row.team ?? undefined;
  const dora = new URLSearchParams();
  if (team) dora.set('team', team);
  if (row.kind === 'service' && team) dora.set('service', row.ref);
  const filter = new URLSearchParams();
  if (system) filter.set('system', system);
  else if (team) filter.set('owner', team);
  const qs = (p: URLSearchParams) => (p.toString() ? `?${p}` : '');
  return {
    dora: `/dora${qs(dora)}`,
    slos: `/slos${qs(filter)}`,
    conformance: `/conformance${qs(filter)}`,
  };
}

/** The element id of a row's PR and commit lists, which the lead-time cell links to. */
export function changesAnchor(rowRef: string): string {
  return `changes-${rowRef.replace(/[^a-zA-Z0-9-]/g, '-')}`;
}
