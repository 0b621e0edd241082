import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  CheckResult,
  campaignOwnersLeft,
  campaignReminderDue,
  checkRegressions,
  findCheck,
} from '@internal/plugin-scorecard-common';
import { DatabaseCampaignStore } from '../database/CampaignStore';
import { ScorecardStore } from '../database/ScorecardStore';

/** The notifications topic of every scorecard notification (users can mute it in settings). */
export const SCORECARD_TOPIC = 'scorecard';

export interface RegressionNotice {
  entityRef: string;
  title?: string;
  owner?: string;
}

export interface ScorecardNotifierOptions {
  notifications: NotificationService;
  store: ScorecardStore;
  campaigns: DatabaseCampaignStore;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  kinds: string[];
  now?: () => Date;
}

/**
 * Tells owners, through the notifications backend, when a passing check of theirs starts failing
 * and when a campaign's deadline is near while entities of theirs are still left. In-app always;
 * by e-mail where a notifications processor for e-mail is installed and configured.
 *
 * A regression notification has a scope per (entity, check): the notifications backend keeps one
 * notification per user, origin and scope and re-surfaces it (unread again) instead of adding a
 * second one, so a check that fails again after a fix does not pile up notifications, and two
 * evaluations racing over the same transition send one.
 */
export class ScorecardNotifier {
  private readonly now: () => Date;

  constructor(private readonly options: ScorecardNotifierOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * One notification to the entity's owner for each check that went from pass to fail between
   * `previous` and `current`. Returns the checks notified of. A failure to send is logged, not
   * thrown: the evaluation pass that found the regression has already stored it.
   */
  async notifyRegressions(
    entity: RegressionNotice,
    previous: CheckResult[] | undefined,
    current: CheckResult[],
  ): Promise<string[]> {
    const { owner } = entity;
    const regressed = checkRegressions(previous, current);
    if (!owner || regressed.length === 0) return [];
    const name = entity.title ?? parseEntityRef(entity.entityRef).name;
    const sent: string[] = [];
    for (const checkId of regressed) {
      const result = current.find(r => r.checkId === checkId)!;
      const check = findCheck(checkId);
      try {
        await this.options.notifications.send({
          recipients: { type: 'entity', entityRef: owner },
          payload: {
            title: `${name}: "${check?.title ?? checkId}" started failing`,
            description: [result.message, check?.remediation]
              .filter(Boolean)
              .join(' — '),
            link: `${entityPath(entity.entityRef)}/scorecard`,
            severity: 'high',
            topic: SCORECARD_TOPIC,
            scope: `scorecard:check-failing:${entity.entityRef}:${checkId}`,
          },
        });
        sent.push(checkId);
      } catch (e) {
        this.options.logger.warn(
          `Scorecard: could not notify ${owner} that ${checkId} of ${
            entity.entityRef
          } fails: ${(e as Error).message}`,
        );
      }
    }
    return sent;
  }

  /**
   * For each campaign whose deadline is at most seven days away and whose reminder was not sent
   * yet: one notification to the owners of the entities in its scope still left. The reminder is
   * claimed in the database before sending (and given back if sending fails), so it goes out
   * once. Returns the ids of the campaigns reminded of.
   */
  async notifyCampaignDeadlines(): Promise<number[]> {
    const { campaigns, store, logger } = this.options;
    const now = this.now();
    const today = now.toISOString().slice(0, 10);
    const due = (await campaigns.list()).filter(c =>
      campaignReminderDue(c.deadline, today),
    );
    if (due.length === 0) return [];
    const latest = await store.listLatest();
    const tags = due.some(c => c.scope.tag)
      ? await this.readTags()
      : new Map<string, string[]>();
    const rows = latest.map(r => ({ ...r, tags: tags.get(r.entityRef) }));
    const reminded: number[] = [];
    for (const campaign of due) {
      const owners = campaignOwnersLeft(rows, campaign);
      // Nothing left to do: nobody to remind, and nothing to claim, so an entity that starts
      // failing before the deadline still gets its owners reminded.
      if (owners.length === 0) continue;
      const at = now.toISOString();
      if (!(await campaigns.claimReminder(campaign.id, at))) continue;
      const entities = owners.reduce((n, o) => n + o.entityRefs.length, 0);
      try {
        await this.options.notifications.send({
          recipients: { type: 'entity', entityRef: owners.map(o => o.owner) },
          payload: {
            title: `Campaign "${campaign.title}" ends ${campaign.deadline}`,
            description: `${entities} ${
              entities === 1 ? 'entity' : 'entities'
            } in its scope still ${
              entities === 1 ? 'has' : 'have'
            } checks left: ${owners
              .flatMap(o => o.entityRefs)
              .map(ref => parseEntityRef(ref).name)
              .join(', ')}.`,
            link: `/scorecard-campaigns?id=${campaign.id}`,
            severity: 'normal',
            topic: SCORECARD_TOPIC,
            scope: `scorecard:campaign-deadline:${campaign.id}`,
          },
        });
        reminded.push(campaign.id);
      } catch (e) {
        await campaigns.releaseReminder(campaign.id, at);
        logger.warn(
          `Scorecard: could not remind the owners of campaign ${campaign.id}: ${
            (e as Error).message
          }`,
        );
      }
    }
    return reminded;
  }

  /** The stored rows carry no tags: a tag scope reads which entities carry which tags now. */
  private async readTags(): Promise<Map<string, string[]>> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: { kind: this.options.kinds },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.tags',
        ],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return new Map(
      items.map(e => [stringifyEntityRef(e), e.metadata.tags ?? []]),
    );
  }
}

function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase('en-US')}/${name}`;
}
