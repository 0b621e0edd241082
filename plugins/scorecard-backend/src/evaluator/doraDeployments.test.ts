import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The real dora backend is the peer the signals are read from, booted as in the portal.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@internal/plugin-dora-backend';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  DeploymentPages,
  ListedDeployment,
  coverageOf,
} from './doraDeployments';
import { HttpSignalSource } from './SignalReader';

jest.setTimeout(120_000);

const DAY = 86_400_000;
const listed = (
  id: string,
  entityRef: string,
  finishedAt: string,
): ListedDeployment => ({
  id,
  entityRef,
  environment: 'production',
  status: 'success',
  finishedAt,
  commitShas: [],
  source: 'api',
});

describe('DeploymentPages', () => {
  it('pages back from the oldest finish, keeps a deployment once, and groups by entity', () => {
    const pages = new DeploymentPages();
    const t = '2026-12-01T00:00:00.000Z';
    // A full page of 2 ending at t; the next page starts 1 ms after t, so t comes again.
    expect(
      pages.add(
        [
          listed('x', 'component:default/a', '2026-12-02T00:00:00.000Z'),
          listed('same', 'component:default/a', t),
        ],
        2,
      ),
    ).toBe('2026-12-01T00:00:00.001Z');
    // The same id in another entity is another deployment.
    expect(
      pages.add(
        [
          listed('same', 'component:default/a', t),
          listed('same', 'component:default/b', t),
        ],
        2,
      ),
    ).toBe('2026-12-01T00:00:00.001Z');
    expect(
      pages.add(
        [listed('old', 'component:default/b', '2026-11-01T00:00:00Z')],
        2,
      ),
    ).toBe('done');
    expect(pages.size).toBe(4);
    const byEntity = pages.byEntity();
    expect(byEntity.get('component:default/a')!.map(d => d.id)).toEqual([
      'x',
      'same',
    ]);
    expect(byEntity.get('component:default/b')!.map(d => d.id)).toEqual([
      'same',
      'old',
    ]);
  });

  it('says when a full page brings nothing new (paging by time cannot go on)', () => {
    const pages = new DeploymentPages();
    const t = '2026-12-01T00:00:00.000Z';
    const page = [
      listed('p', 'component:default/a', t),
      listed('q', 'component:default/a', t),
    ];
    expect(pages.add(page, 2)).toBe('2026-12-01T00:00:00.001Z');
    expect(pages.add(page, 2)).toBe('stuck');
  });
});

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
});

describe('coverageOf', () => {
  const now = new Date('2026-12-06T12:00:00.000Z');
  const ago = (days: number) =>
    new Date(now.getTime() - days * DAY).toISOString();
  const dep = (
    finishedAt: string,
    ancestryKnown: boolean | undefined,
    more: Partial<ListedDeployment> = {},
  ): ListedDeployment => ({
    ...listed('x', 'component:default/x', finishedAt),
    ...(ancestryKnown !== undefined && { ancestryKnown }),
    ...more,
  });

  it('counts successful production deployments of the trailing 30 days and their known ancestry', () => {
    expect(
      coverageOf(
        [
          dep(ago(1), true),
          dep(ago(29.9), false),
          // Outside the window, another environment, not a success: not counted.
          dep(ago(30.1), true),
          dep(ago(2), true, { environment: 'staging' }),
          dep(ago(3), false, { status: 'failure' }),
        ],
        now,
      ),
    ).toEqual({ deployments: 2, ancestryKnown: 1 });
    expect(coverageOf([], now)).toEqual({ deployments: 0, ancestryKnown: 0 });
  });

  it('gives up (the API is asked) when a deployment in the window has no facts yet', () => {
    expect(coverageOf([dep(ago(1), true), dep(ago(2), undefined)], now)).toBe(
      undefined,
    );
    // Outside the window, a deployment without facts does not matter.
    expect(
      coverageOf([dep(ago(1), true), dep(ago(45), undefined)], now),
    ).toEqual({ deployments: 1, ancestryKnown: 1 });
  });
});

describe('HttpSignalSource against the dora backend', () => {
  it("gives each entity the same DORA signal from the paged list as from the entity's own reads", async () => {
    const now = new Date();
    const at = (daysAgo: number, hours = 0) =>
      new Date(now.getTime() - daysAgo * DAY + hours * 3_600_000).toISOString();
    const sha = (n: number) => n.toString(16).padStart(40, 'c');
    const deployments = [];
    const changes = [];
    // a: staging then production 5 days ago (one commit, promoted), and 12 staging runs of
    // other commits, so the list takes several pages of 4.
    deployments.push(
      {
        id: 'a-stg',
        entityRef: 'component:default/a',
        environment: 'staging',
        status: 'success',
        finishedAt: at(6),
        commitShas: [sha(1)],
        source: 'api',
      },
      {
        id: 'a-prod',
        entityRef: 'component:default/a',
        environment: 'production',
        status: 'success',
        finishedAt: at(5),
        commitShas: [sha(1)],
        source: 'api',
      },
    );
    changes.push({
      sha: sha(1),
      entityRef: 'component:default/a',
      committedAt: at(7),
    });
    for (let i = 0; i < 12; i++) {
      deployments.push({
        id: `a-s${i}`,
        entityRef: 'component:default/a',
        environment: 'staging',
        status: 'success',
        finishedAt: at(20 + i),
        commitShas: [sha(100 + i)],
        source: 'api',
      });
    }
    // b: production 40 days ago only (in the 60-day lookback, not in the 30-day window).
    deployments.push({
      id: 'b-prod',
      entityRef: 'component:default/b',
      environment: 'production',
      status: 'success',
      finishedAt: at(40),
      commitShas: [sha(2)],
      source: 'api',
    });
    // c: a production failure and a success never staged, the success sharing a's id and
    // finishing in the same millisecond as a's production deployment.
    deployments.push(
      {
        id: 'c-fail',
        entityRef: 'component:default/c',
        environment: 'production',
        status: 'failure',
        finishedAt: at(2),
        commitShas: [sha(3)],
        source: 'api',
      },
      {
        id: 'a-prod',
        entityRef: 'component:default/c',
        environment: 'production',
        status: 'success',
        finishedAt: at(5),
        commitShas: [sha(4)],
        source: 'api',
      },
    );
    // e: a staging run just inside the 60-day lookback now, and outside a lookback that would
    // slide with the clock by `later` (later the same UTC day).
    const endOfDay = (Math.floor(now.getTime() / DAY) + 1) * DAY - 1;
    const later = new Date(Math.min(now.getTime() + 3_600_000, endOfDay));
    deployments.push({
      id: 'e-stg',
      entityRef: 'component:default/e',
      environment: 'staging',
      status: 'success',
      finishedAt: new Date(
        now.getTime() - 60 * DAY + (later.getTime() - now.getTime()) / 2,
      ).toISOString(),
      commitShas: [sha(5)],
      source: 'api',
    });
    const backend = await startTestBackend({
      features: [
        doraPlugin,
        catalogServiceMock.factory({
          entities: ['a', 'b', 'c', 'd', 'e'].map(component),
        }),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    try {
      const posted = await request(backend.server)
        .post('/api/dora/events')
        .send({ deployments, changes });
      expect(posted.status).toBe(200);
      for (let i = 0; ; i++) {
        const res = await request(backend.server).get('/api/dora/metrics');
        if (!res.body.queued) break;
        if (i > 600) throw new Error('dora still deriving');
        await new Promise(r => setTimeout(r, 50));
      }
      const { port } = backend.server.address() as AddressInfo;
      const base = `http://localhost:${port}/api`;
      const discovery = {
        getBaseUrl: async (id: string) => `${base}/${id}`,
        getExternalBaseUrl: async (id: string) => `${base}/${id}`,
      };
      const source = new HttpSignalSource(
        discovery,
        mockServices.auth(),
        15_000,
        4,
      );
      const paged = await source.readDoraDeployments(now);
      expect(paged).toBeDefined();
      expect([...paged!.values()].flat()).toHaveLength(deployments.length);
      // The same UTC day reads the same deployments (the pass's fingerprint stays the same).
      expect(await source.readDoraDeployments(later)).toEqual(paged);
      const fetches = jest.spyOn(global, 'fetch');
      for (const name of ['a', 'b', 'c', 'd']) {
        const ref = `component:default/${name}`;
        const own = await source.readDora(ref, now);
        fetches.mockClear();
        const fromPages = await source.readDora(
          ref,
          now,
          paged!.get(ref) ?? [],
        );
        // The coverage comes with the listed deployments: no call of the entity's own.
        expect(fetches).not.toHaveBeenCalled();
        expect({ ref, ...fromPages }).toEqual({ ref, ...own });
      }
      fetches.mockRestore();
      // By hand: a has one successful production deployment in 30 days with its commit known;
      // b none in the window; c one success (the failure does not count); d nothing at all.
      const a = await source.readDora(
        'component:default/a',
        now,
        paged!.get('component:default/a'),
      );
      expect(a.productionDeployments30d).toBe(1);
      expect(a.coverage).toEqual({ deployments: 1, ancestryKnown: 1 });
      expect(a.deployments).toHaveLength(14);
      const b = await source.readDora(
        'component:default/b',
        now,
        paged!.get('component:default/b'),
      );
      expect(b).toMatchObject({
        productionDeployments30d: 0,
        coverage: { deployments: 0, ancestryKnown: 0 },
      });
      const c = await source.readDora(
        'component:default/c',
        now,
        paged!.get('component:default/c'),
      );
      expect(c.productionDeployments30d).toBe(1);
      // Its commit was never reported by a source: deployed, ancestry unknown.
      expect(c.coverage).toEqual({ deployments: 1, ancestryKnown: 0 });
      expect(await source.readDora('component:default/d', now, [])).toEqual({
        productionDeployments30d: 0,
        coverage: { deployments: 0, ancestryKnown: 0 },
        deployments: [],
      });
    } finally {
      await backend.stop();
    }
  });
});
