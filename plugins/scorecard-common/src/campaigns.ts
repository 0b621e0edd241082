import { CheckState } from './types';

/**
 * A campaign: a set of checks every entity in scope should pass by a deadline.
 *
 * @public
 */
export interface CampaignDefinition {
  checkIds: string[];
  /** YYYY-MM-DD (UTC), the last day of the campaign. */
  deadline: string;
  /** Which entities it concerns; every given field must match, none given is everyone. */
  scope: CampaignScope;
}

/**
 * Entity refs are compared as full refs (group:default/payments, system:default/shop).
 *
 * @public
 */
export interface CampaignScope {
  owner?: string;
  system?: string;
  tag?: string;
}

/** What the campaign math needs of an entity's scorecard on one day. @public */
export interface CampaignEntityDay {
  entityRef: string;
  owner?: string;
  system?: string;
  tags?: string[];
  day: string;
  results: { checkId: string; state: CheckState }[];
}

const DONE: ReadonlySet<CheckState> = new Set([
  'pass',
  'exempt',
  'not-applicable',
]);

/** @public */
export function inCampaignScope(
  entity: Pick<CampaignEntityDay, 'owner' | 'system' | 'tags'>,
  scope: CampaignScope,
): boolean {
  if (scope.owner && entity.owner !== scope.owner) return false;
  if (scope.system && entity.system !== scope.system) return false;
  if (scope.tag && !(entity.tags ?? []).includes(scope.tag)) return false;
  return true;
}

/**
 * The campaign's checks an entity has not done yet: failing, pending or without a result. Pass,
 * exempt and not applicable are done, as for levels.
 *
 * @public
 */
export function checksLeft(
  results: CampaignEntityDay['results'],
  checkIds: readonly string[],
): string[] {
  const state = new Map(results.map(r => [r.checkId, r.state]));
  return checkIds.filter(id => {
    const s = state.get(id);
    return s === undefined || !DONE.has(s);
  });
}

/**
 * Passing entities per day from `from` to `to` (inclusive, UTC days): the burn-up. Each day
 * counts the entities in scope on that day by their latest stored row up to that day (a day
 * with no new row keeps the previous one); an entity first seen later is not counted before.
 *
 * @public
 */
export function campaignBurnUp(
  history: readonly CampaignEntityDay[],
  campaign: CampaignDefinition,
  from: string,
  to: string,
): { day: string; passing: number; total: number }[] {
  const byEntity = new Map<string, CampaignEntityDay[]>();
  for (const row of [...history].sort((a, b) => a.day.localeCompare(b.day))) {
    const rows = byEntity.get(row.entityRef) ?? [];
    rows.push(row);
    byEntity.set(row.entityRef, rows);
  }
  const out: { day: string; passing: number; total: number }[] = [];
  for (const day of daysBetween(from, to)) {
    let passing = 0;
    let total = 0;
    for (const rows of byEntity.values()) {
      const current = latestUpTo(rows, day);
      if (!current || !inCampaignScope(current, campaign.scope)) continue;
      total++;
      if (checksLeft(current.results, campaign.checkIds).length === 0) {
        passing++;
      }
    }
    out.push({ day, passing, total });
  }
  return out;
}

function latestUpTo(rows: CampaignEntityDay[], day: string) {
  let found: CampaignEntityDay | undefined;
  for (const r of rows) {
    if (r.day > day) break;
    found = r;
  }
  return found;
}

/** Every UTC day from `from` to `to`, inclusive; at most 366 so a bad range cannot run away. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (
    let t = Date.parse(`${from}T00:00:00Z`);
    t <= end && out.length < 366;
    t += 86400_000
  ) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}
