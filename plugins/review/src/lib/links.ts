import type { ReviewRow } from '@internal/plugin-review-common';

/**
 * The pages behind a row's cells, already filtered to the row and the month. The /dora page
 * reads `team` and `service` (a service inside its team) and `month`, which it sends to the DORA
 * API as the same from/to the review asks with; /slos reads `owner` (a team with its sub-teams),
 * `entity` and `month` (the SLO backend's calendar-month sums the review's SLO figures come
 * from). /conformance keeps no
 * history, so its link has no month: it shows the latest judgement, as the review's column does.
 */
export interface RowLinks {
  dora: string;
  slos: string;
  conformance: string;
}

export function rowLinks(
  row: ReviewRow,
  scope: string,
  month: string,
): RowLinks {
  const system = scope.startsWith('system:') ? scope : undefined;
  const team = row.team ?? undefined;
  const dora = new URLSearchParams({ month });
  if (team) dora.set('team', team);
  if (row.kind === 'service' && team) dora.set('service', row.ref);
  const filter = new URLSearchParams();
  if (system) filter.set('system', system);
  else if (team) filter.set('owner', team);
  // A team's /slos includes its sub-teams' SLOs, as the row does; a service row is its own.
  const slos = new URLSearchParams({ month });
  if (row.kind === 'service') slos.set('entity', row.ref);
  else filter.forEach((v, k) => slos.set(k, v));
  const qs = (p: URLSearchParams) => (p.toString() ? `?${p}` : '');
  return {
    dora: `/dora${qs(dora)}`,
    slos: `/slos${qs(slos)}`,
    conformance: `/conformance${qs(filter)}`,
  };
}

/** The element id of a row's PR and commit lists, which the lead-time cell links to. */
export function changesAnchor(rowRef: string): string {
  return `changes-${rowRef.replace(/[^a-zA-Z0-9-]/g, '-')}`;
}
