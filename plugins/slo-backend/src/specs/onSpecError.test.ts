import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { sloPlugin } from '../plugin';
import { demoEntities } from '../testUtils';

// The plugin wired as in production, with slo.gate.onSpecError unset (deny) and set to allow.
// user-service points at one good and one missing spec file; its valid SLOs are served either
// way, and only the gate's answer changes. The catalog is a fake (catalogServiceMock) holding
// the demo components, whose specs are the real catalog/slos files.

jest.setTimeout(120_000);

const USER = 'component:default/user-service';

async function start(gate?: { onSpecError: string }) {
  const backend = await startTestBackend({
    features: [
      sloPlugin,
      catalogServiceMock.factory({
        entities: demoEntities({
          'user-service': {
            'portal.io/slo-spec':
              '../slos/user-service.yaml, ../slos/gone.yaml',
          },
        }),
      }),
      mockServices.rootLogger.factory({ level: 'error' }),
      mockServices.rootConfig.factory({
        data: {
          slo: {
            ...(gate ? { gate } : {}),
            specRefresh: {
              frequency: { minutes: 5 },
              timeout: { minutes: 1 },
            },
          },
        },
      }),
    ],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await request(backend.server).get(
      `/api/slo/entity?entityRef=${USER}`,
    );
    if (res.status === 200) break;
    if (Date.now() > deadline) throw new Error(JSON.stringify(res.body));
    await new Promise(r => setTimeout(r, 300));
  }
  return backend;
}

describe('slo.gate.onSpecError', () => {
  it.each([
    [
      undefined,
      false,
      'has an error, so deploys are denied until it is fixed (slo.gate.onSpecError: deny)',
    ],
    [
      { onSpecError: 'allow' },
      true,
      'has an error and was not evaluated; deploys are not blocked by it (slo.gate.onSpecError: allow)',
    ],
  ])('with %j the gate answers allowed=%s', async (gate, allowed, reason) => {
    const backend = await start(gate);
    try {
      const entity = await request(backend.server).get(
        `/api/slo/entity?entityRef=${USER}`,
      );
      expect(entity.body.slos.map((s: any) => s.slo.id)).toEqual([
        'user-service/api-availability',
        'user-service/api-latency',
      ]);
      expect(entity.body.errors).toEqual([
        {
          file: '../slos/gone.yaml',
          message: '../slos/gone.yaml: cannot read the file (ENOENT)',
        },
      ]);
      // No rollups here (demo off), so the valid SLOs have no data and block nothing.
      const res = await request(backend.server).get(
        `/api/slo/gate?entityRef=${USER}&changeType=security_patch`,
      );
      expect(res.status).toBe(200);
      expect(res.body.allowed).toBe(allowed);
      expect(res.body.reasons).toContain(
        `The SLO spec ../slos/gone.yaml ${reason}: ../slos/gone.yaml: cannot read the file (ENOENT)`,
      );
    } finally {
      await backend.stop();
    }
  });
});
