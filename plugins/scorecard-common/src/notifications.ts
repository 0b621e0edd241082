import {
  CampaignEntityDay,
  CampaignScope,
  checksLeft,
  inCampaignScope,
} from './campaigns';
import { CheckState } from './types';

/**
 * The checks of an entity that went from pass to fail between its previously stored results and
 * the new ones: the only transition its owners are notified of. A check with no previous result
 * (first evaluation, new check), or whose previous state was anything but pass (pending while a
 * source had not answered, not applicable, exempt), is not a regression: the owners were never
 * told it passed. A check still failing is not one either, so repeated passes stay silent.
 *
 * @public
 */
export function checkRegressions(
  previous: readonly { checkId: string; state: CheckState }[] | undefined,
  current: readonly { checkId: string; state: CheckState }[],
): string[] {
  if (!previous) return [];
  const before = new Map(previous.map(r => [r.checkId, r.state]));
  return current
    .filter(r => r.state === 'fail' && before.get(r.checkId) === 'pass')
    .map(r => r.checkId);
}

/** How many days before a campaign's deadline its owners are reminded. @public */
export const CAMPAIGN_REMINDER_DAYS = 7;

/**
 * Whether a campaign's deadline reminder is due on `today` (both YYYY-MM-DD, UTC): from
 * `CAMPAIGN_REMINDER_DAYS` days before the deadline up to the deadline itself, so a campaign
 * created with a nearer deadline, or a portal that was down on the exact day, still reminds
 * once. After the deadline a reminder is pointless.
 *
 * @public
 */
export function campaignReminderDue(
  deadline: string,
  today: string,
  reminderDays: number = CAMPAIGN_REMINDER_DAYS,
): boolean {
  const daysLeft =
    (Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) /
    86400_000;
  return daysLeft >= 0 && daysLeft <= reminderDays;
}

/**
 * The owners of the campaign's in-scope entities that still have campaign checks left, each
 * with those entities, owners and entities sorted. Entities without an owner are left out:
 * nobody can be told.
 *
 * @public
 */
export function campaignOwnersLeft(
  rows: readonly Pick<
    CampaignEntityDay,
    'entityRef' | 'owner' | 'system' | 'tags' | 'results'
  >[],
  campaign: { checkIds: readonly string[]; scope: CampaignScope },
): { owner: string; entityRefs: string[] }[] {
  const byOwner = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.owner || !inCampaignScope(r, campaign.scope)) continue;
    if (checksLeft(r.results, campaign.checkIds).length === 0) continue;
    byOwner.set(r.owner, [...(byOwner.get(r.owner) ?? []), r.entityRef]);
  }
  return [...byOwner.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([owner, entityRefs]) => ({ owner, entityRefs: entityRefs.sort() }));
}
