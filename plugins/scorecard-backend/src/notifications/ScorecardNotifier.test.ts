import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { CheckState, DEFAULT_LEVELS } from '@internal/plugin-scorecard-common';
import { ConformanceSignal, DoraSignal } from '../checks/signals';
import { DatabaseCampaignStore } from '../database/CampaignStore';
import { DatabaseScorecardStore, StoredDay } from '../database/ScorecardStore';
import { BulkSignals, SignalSource } from '../evaluator/SignalReader';
import { ScorecardEvaluator } from '../evaluator/ScorecardEvaluator';
import { ScorecardNotifier } from './ScorecardNotifier';

// The notifications backend is a recording fake here: what it does with a send (recipients
// resolved from the catalog, one notification per user and scope) is exercised against the
// booted portal in packages/e2e-tests/src/scorecardNotifications.test.ts. Stores are real.

jest.setTimeout(60_000);

class RecordingNotifications implements NotificationService {
  sent: NotificationSendOptions[] = [];
  failing = false;
  async send(options: NotificationSendOptions) {
    if (this.failing) throw new Error('503 Service Unavailable');
    this.sent.push(options);
  }
}

class FakeSource implements SignalSource {
  conformance = new Map<string, ConformanceSignal>();
  async readBulk(): Promise<BulkSignals> {
    return {
      conformance: this.conformance,
      slos: new Map(),
      sloErrors: new Map(),
    };
  }
  async readDora(): Promise<DoraSignal> {
    return {
      productionDeployments30d: 0,
      coverage: { deployments: 0, ancestryKnown: 0 },
      deployments: [],
    };
  }
}

const workload = (name: string, owner?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    title: name === 'k' ? 'Checkout' : undefined,
    annotations: { 'backstage.io/kubernetes-id': name },
  },
  spec: { type: 'service', lifecycle: 'production', ...(owner && { owner }) },
});

const verdicts = (
  over: Partial<ConformanceSignal['verdicts']> = {},
): ConformanceSignal => ({
  workloadCount: 1,
  verdicts: {
    'resource-requests': 'pass',
    'resource-limits': 'pass',
    'readiness-probe': 'pass',
    'liveness-probe': 'pass',
    'default-deny-network-policy': 'pass',
    'no-privileged': 'pass',
    'no-host-namespaces': 'pass',
    'pinned-image': 'pass',
    'no-secret-literals': 'pass',
    ...over,
  } as ConformanceSignal['verdicts'],
});

describe('ScorecardNotifier', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setup(databaseId: string, entities: Entity[] = []) {
    const knex = await databases.init(databaseId as any);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    const store = await DatabaseScorecardStore.create({ database });
    const campaigns = await DatabaseCampaignStore.create({ database });
    const notifications = new RecordingNotifications();
    const logger = mockServices.logger.mock();
    let clock = new Date('2026-12-06T10:00:00Z');
    const catalog = catalogServiceMock({ entities });
    const notifier = new ScorecardNotifier({
      notifications,
      store,
      campaigns,
      catalog,
      auth: mockServices.auth(),
      logger,
      kinds: ['Component'],
      now: () => clock,
    });
    const source = new FakeSource();
    const evaluator = new ScorecardEvaluator({
      catalog,
      auth: mockServices.auth(),
      store,
      source,
      logger,
      levels: DEFAULT_LEVELS,
      kinds: ['Component'],
      ciMaxAgeDays: 30,
      notifier,
      now: () => clock,
    });
    return {
      store,
      campaigns,
      notifications,
      notifier,
      evaluator,
      source,
      logger,
      setNow: (iso: string) => (clock = new Date(iso)),
    };
  }

  describe('regressions, through the evaluator', () => {
    it('notifies the owner once when a passing check fails, not while it stays failing', async () => {
      const { evaluator, source, notifications, setNow } = await setup(
        'SQLITE_3',
        [workload('k', 'payments'), workload('m', 'orders')],
      );
      const K = 'component:default/k';
      const M = 'component:default/m';
      // Both reports pending at first (as right after a start), then judged: k passes, m fails
      // its probes from its first judgement on. m never passed (pending → fail): nobody is told.
      const pending = { pending: true, workloadCount: 0, verdicts: {} };
      source.conformance.set(K, pending);
      source.conformance.set(M, pending);
      expect(await evaluator.evaluate()).toMatchObject({ notified: 0 });
      source.conformance.set(K, verdicts());
      source.conformance.set(M, verdicts({ 'liveness-probe': 'fail' }));
      expect(await evaluator.evaluate()).toMatchObject({
        written: 2,
        notified: 0,
      });
      expect(notifications.sent).toEqual([]);

      // The probe goes: pass → fail.
      source.conformance.set(K, verdicts({ 'readiness-probe': 'fail' }));
      expect(await evaluator.evaluate()).toMatchObject({
        written: 1,
        notified: 1,
      });
      expect(notifications.sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: 'group:default/payments' },
          payload: {
            title: 'Checkout: "Readiness and liveness probes" started failing',
            description: expect.stringMatching(
              /^failing: readiness-probe — .+/,
            ),
            link: '/catalog/default/component/k/scorecard',
            severity: 'high',
            topic: 'scorecard',
            scope: `scorecard:check-failing:${K}:conformance-probes`,
          },
        },
      ]);

      // Still failing, the same day and the next: silent.
      expect(await evaluator.evaluate()).toMatchObject({ notified: 0 });
      setNow('2026-12-07T10:00:00Z');
      expect(await evaluator.evaluate()).toMatchObject({
        written: 2,
        notified: 0,
      });
      // A second check going red while the first stays red: one more, for that check only.
      source.conformance.set(
        K,
        verdicts({ 'readiness-probe': 'fail', 'pinned-image': 'fail' }),
      );
      await evaluator.evaluate();
      expect(notifications.sent.map(s => s.payload.scope)).toEqual([
        `scorecard:check-failing:${K}:conformance-probes`,
        `scorecard:check-failing:${K}:conformance-pinned-images`,
      ]);
      // Fixed, then broken again: told again, under the same scope (the notifications backend
      // re-surfaces the one notification rather than adding a second).
      source.conformance.set(K, verdicts());
      await evaluator.evaluate();
      source.conformance.set(K, verdicts({ 'readiness-probe': 'fail' }));
      await evaluator.evaluate();
      expect(notifications.sent.map(s => s.payload.scope)).toEqual([
        `scorecard:check-failing:${K}:conformance-probes`,
        `scorecard:check-failing:${K}:conformance-pinned-images`,
        `scorecard:check-failing:${K}:conformance-probes`,
      ]);
    });

    it('tells nobody about an entity without an owner', async () => {
      const { evaluator, source, notifications } = await setup('SQLITE_3', [
        workload('k'),
      ]);
      source.conformance.set('component:default/k', verdicts());
      await evaluator.evaluate();
      source.conformance.set(
        'component:default/k',
        verdicts({ 'readiness-probe': 'fail' }),
      );
      expect(await evaluator.evaluate()).toMatchObject({
        written: 1,
        notified: 0,
      });
      expect(notifications.sent).toEqual([]);
    });

    it('stores the failure and logs when the notifications backend does not answer', async () => {
      const { evaluator, source, notifications, store, logger } = await setup(
        'SQLITE_3',
        [workload('k', 'payments')],
      );
      source.conformance.set('component:default/k', verdicts());
      await evaluator.evaluate();
      notifications.failing = true;
      source.conformance.set(
        'component:default/k',
        verdicts({ 'readiness-probe': 'fail' }),
      );
      expect(await evaluator.evaluate()).toMatchObject({
        written: 1,
        notified: 0,
      });
      const [row] = await store.listLatest();
      expect(
        row.results.find(r => r.checkId === 'conformance-probes')?.state,
      ).toBe('fail');
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'could not notify group:default/payments that conformance-probes of component:default/k fails',
        ),
      );
    });
  });

  describe.each(databases.eachSupportedId())(
    'campaign deadlines on %p',
    databaseId => {
      const row = (
        entityRef: string,
        owner: string,
        states: Record<string, CheckState>,
      ): StoredDay => ({
        entityRef,
        owner,
        day: '2026-12-10',
        level: null,
        score: null,
        evaluatedAt: '2026-12-10T00:00:00.000Z',
        results: Object.entries(states).map(([checkId, state]) => ({
          checkId,
          state,
          message: state,
        })),
        inputsHash: `${entityRef}-${JSON.stringify(states)}`,
      });

      async function withCampaign(deadline: string) {
        const s = await setup(databaseId);
        await s.store.saveDay(
          row('component:default/a', 'group:default/payments', {
            'runbook-link': 'fail',
          }),
        );
        await s.store.saveDay(
          row('component:default/b', 'group:default/orders', {
            'runbook-link': 'pending',
          }),
        );
        await s.store.saveDay(
          row('component:default/c', 'group:default/identity', {
            'runbook-link': 'pass',
          }),
        );
        const campaign = await s.campaigns.add({
          title: 'Runbooks',
          checkIds: ['runbook-link'],
          deadline,
          scope: {},
          createdBy: 'user:default/admin',
          createdAt: '2026-12-01T00:00:00.000Z',
        });
        return { ...s, campaign };
      }

      it('reminds the owners still left once, from seven days before the deadline', async () => {
        const { notifier, notifications, campaigns, campaign, setNow } =
          await withCampaign('2026-12-20');
        setNow('2026-12-12T23:59:00Z'); // 8 days left
        expect(await notifier.notifyCampaignDeadlines()).toEqual([]);
        setNow('2026-12-13T00:01:00Z'); // 7
        expect(await notifier.notifyCampaignDeadlines()).toEqual([campaign.id]);
        expect(notifications.sent).toEqual([
          {
            recipients: {
              type: 'entity',
              entityRef: ['group:default/orders', 'group:default/payments'],
            },
            payload: {
              title: 'Campaign "Runbooks" ends 2026-12-20',
              description:
                '2 entities in its scope still have checks left: b, a.',
              link: `/scorecard-campaigns?id=${campaign.id}`,
              severity: 'normal',
              topic: 'scorecard',
              scope: `scorecard:campaign-deadline:${campaign.id}`,
            },
          },
        ]);
        expect(await campaigns.remindedAt(campaign.id)).toBe(
          '2026-12-13T00:01:00.000Z',
        );
        // Later passes in the window, and two at once: nothing more.
        setNow('2026-12-15T00:00:00Z');
        expect(
          await Promise.all([
            notifier.notifyCampaignDeadlines(),
            notifier.notifyCampaignDeadlines(),
          ]),
        ).toEqual([[], []]);
        expect(notifications.sent).toHaveLength(1);
      });

      it('claims the reminder once when two passes race', async () => {
        const { notifier, notifications, setNow } = await withCampaign(
          '2026-12-20',
        );
        setNow('2026-12-14T00:00:00Z');
        const [x, y] = await Promise.all([
          notifier.notifyCampaignDeadlines(),
          notifier.notifyCampaignDeadlines(),
        ]);
        expect([...x, ...y]).toHaveLength(1);
        expect(notifications.sent).toHaveLength(1);
      });

      it('gives the claim back when sending fails, and sends on a later pass', async () => {
        const { notifier, notifications, campaigns, campaign, setNow } =
          await withCampaign('2026-12-20');
        setNow('2026-12-14T00:00:00Z');
        notifications.failing = true;
        expect(await notifier.notifyCampaignDeadlines()).toEqual([]);
        expect(await campaigns.remindedAt(campaign.id)).toBeUndefined();
        notifications.failing = false;
        expect(await notifier.notifyCampaignDeadlines()).toEqual([campaign.id]);
        expect(notifications.sent).toHaveLength(1);
      });

      it('reminds nobody after the deadline or when every entity is done', async () => {
        const { notifier, notifications, campaigns, campaign, store, setNow } =
          await withCampaign('2026-12-20');
        setNow('2026-12-21T00:00:00Z');
        expect(await notifier.notifyCampaignDeadlines()).toEqual([]);
        setNow('2026-12-14T00:00:00Z');
        await store.saveDay({
          ...row('component:default/a', 'group:default/payments', {
            'runbook-link': 'pass',
          }),
          day: '2026-12-14',
        });
        await store.saveDay({
          ...row('component:default/b', 'group:default/orders', {
            'runbook-link': 'exempt',
          }),
          day: '2026-12-14',
        });
        expect(await notifier.notifyCampaignDeadlines()).toEqual([]);
        expect(notifications.sent).toEqual([]);
        // Nothing was claimed: an entity failing again before the deadline is still reminded of.
        expect(await campaigns.remindedAt(campaign.id)).toBeUndefined();
      });
    },
  );
});
