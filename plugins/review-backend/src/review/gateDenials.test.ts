import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The real dora and slo backends are the peers here, booted beside the review as in the portal.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@internal/plugin-dora-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import sloPlugin from '@internal/plugin-slo-backend';
import request from 'supertest';
import { reviewPlugin } from '../plugin';
import {
  IDENTITY,
  PAYMENTS,
  PAYMENT_SERVICE,
  USER_SERVICE,
} from '../__testUtils__/portalFixture';
import { sloFixtureEntities } from '../__testUtils__/sloFixture';

// Deploy-gate denials in the review, from the real slo backend's gate: the demo rollups leave
// user-service's budget in its freeze step (denied) and payment-service's healthy (allowed).
// The reference is the gate's own answers as this test received them, counted here.

jest.setTimeout(180_000);

describe('review gate denials', () => {
  it('counts the gate’s answers and denials per team and service for the month', async () => {
    const backend = await startTestBackend({
      features: [
        doraPlugin,
        sloPlugin,
        reviewPlugin,
        catalogServiceMock.factory({ entities: sloFixtureEntities() }),
        mockServices.rootLogger.factory({ level: 'warn' }),
        mockServices.rootConfig.factory({
          data: {
            review: { snapshots: { enabled: false } },
            slo: {
              demo: { enabled: true },
              specRefresh: {
                frequency: { minutes: 5 },
                timeout: { minutes: 1 },
              },
            },
          },
        }),
      ],
    });
    const { server } = backend;
    try {
      const deadline = Date.now() + 90_000;
      for (;;) {
        const res = await request(server).get('/api/slo/slos');
        const states = (res.body.items ?? []).map((s: any) => s.state.status);
        if (states.length > 0 && !states.includes('no-data')) break;
        if (Date.now() > deadline) throw new Error('SLOs never loaded');
        await new Promise(r => setTimeout(r, 500));
      }

      // Three gate calls for user-service, two for payment-service; count the answers by hand.
      const answers = new Map<string, boolean[]>();
      for (const [entityRef, times] of [
        [USER_SERVICE, 3],
        [PAYMENT_SERVICE, 2],
      ] as const) {
        for (let i = 0; i < times; i++) {
          const res = await request(server)
            .get('/api/slo/gate')
            .query({ entityRef });
          expect(res.status).toBe(200);
          answers.set(entityRef, [
            ...(answers.get(entityRef) ?? []),
            res.body.allowed,
          ]);
        }
      }
      const denied = (ref: string) =>
        answers.get(ref)!.filter(a => a === false).length;
      // The demo history is what makes this test meaningful: one denied, one allowed service.
      expect(denied(USER_SERVICE)).toBe(3);
      expect(denied(PAYMENT_SERVICE)).toBe(0);

      const month = new Date().toISOString().slice(0, 7);
      const org = await request(server).get(
        `/api/review?month=${month}&scope=organization`,
      );
      expect(org.status).toBe(200);
      const byRef = new Map(org.body.rows.map((r: any) => [r.ref, r]));
      expect((byRef.get(IDENTITY) as any).gate).toEqual({
        decisions: 3,
        denials: denied(USER_SERVICE),
        denialsByEntity: [
          { entityRef: USER_SERVICE, denials: denied(USER_SERVICE) },
        ],
      });
      expect((byRef.get(PAYMENTS) as any).gate).toEqual({
        decisions: 2,
        denials: 0,
        denialsByEntity: [],
      });

      // A service row of the identity team; the previous month had no gate answers.
      const team = await request(server).get(
        `/api/review?month=${month}&scope=${IDENTITY}`,
      );
      expect(team.body.rows.map((r: any) => [r.ref, r.gate.denials])).toEqual([
        [USER_SERVICE, 3],
      ]);
      const [y, m] = month.split('-').map(Number);
      const previous = new Date(Date.UTC(y, m - 2, 1))
        .toISOString()
        .slice(0, 7);
      const before = await request(server).get(
        `/api/review?month=${previous}&scope=organization`,
      );
      expect(
        before.body.rows.map((r: any) => [r.ref, r.gate.decisions]).sort(),
      ).toEqual([
        [IDENTITY, 0],
        [PAYMENTS, 0],
      ]);
    } finally {
      await backend.stop();
    }
  });
});
