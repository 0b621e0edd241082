import crypto from 'node:crypto';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { doraPlugin } from '../plugin';
import { waitForDerived } from '../__testUtils__/waitForDerived';
import {
  SHA_A,
  deploymentStatus,
  incident,
  incidentIssue,
  serviceDeployed,
  workflowRun,
} from '../sources/testPayloads';

// The CDEvents and GitHub routes in a started plugin, with an in-memory catalog that maps the
// repository and the kubernetes-id to payment-service.

jest.setTimeout(120_000);

const SECRET = 'It’s a Secret to Everybody';
const PAYMENT = 'component:default/payment-service';

const payment: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payment-service',
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-id': 'payment-service',
      'github.com/project-slug': 'acme/payment-service',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
};

/** A component claiming a repository, registered through the given origin location. */
const claimant = (name: string, slug: string, origin: string): Entity => ({
  ...payment,
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'github.com/project-slug': slug,
      'backstage.io/managed-by-origin-location': origin,
    },
  },
});
const CONFIGURED = 'file:/portal/catalog/all.yaml';
const claimants = [
  claimant('ledger', 'acme/ledger', CONFIGURED),
  // Anyone may register a location naming someone else's repository.
  claimant('a-ledger-copy', 'acme/ledger', 'url:https://github.com/m/x/c.yaml'),
  // Two registered locations, neither configured, claiming one repository.
  claimant('books', 'acme/books', 'url:https://github.com/acme/books/c.yaml'),
  claimant('a-books-copy', 'acme/books', 'url:https://github.com/m/y/c.yaml'),
  // A monorepo: one catalog file, two components of one repository.
  claimant('mono-web', 'acme/mono', CONFIGURED),
  claimant('mono-api', 'acme/mono', CONFIGURED),
];

const sign = (body: string, secret = SECRET) =>
  `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;

describe('DORA sources', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        doraPlugin,
        catalogServiceMock.factory({ entities: [payment, ...claimants] }),
        mockServices.rootLogger.factory({ level: 'warn' }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              locations: [{ type: 'file', target: '/portal/catalog/all.yaml' }],
            },
            dora: {
              github: {
                webhookSecret: SECRET,
                workflows: [
                  { workflow: 'deploy.yml', environment: 'production' },
                ],
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
  });

  const deployments = async () =>
    (
      await request(server)
        .get('/api/dora/deployments')
        .query({ entityRef: PAYMENT, environment: 'production' })
    ).body.items;

  // A delivery as GitHub sends it: the exact bytes, signed, without a Backstage token.
  const deliver = (event: string, payload: unknown, signature?: string) => {
    const body = JSON.stringify(payload);
    return request(server)
      .post('/api/dora/webhooks/github')
      .set('authorization', mockCredentials.none.header())
      .set('content-type', 'application/json')
      .set('x-github-event', event)
      .set('x-github-delivery', crypto.randomUUID())
      .set('x-hub-signature-256', signature ?? sign(body))
      .send(body);
  };

  it('records a signed GitHub deployment once, however often it is delivered', async () => {
    const first = await deliver(
      'deployment_status',
      deploymentStatus('success'),
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      inserted: { deployments: 1 },
      ignored: [],
    });
    const again = await deliver(
      'deployment_status',
      deploymentStatus('success'),
    );
    expect(again.body).toMatchObject({
      inserted: { deployments: 0 },
      duplicates: { deployments: 1 },
    });
    expect(
      (await deployments()).filter((d: any) => d.source === 'github'),
    ).toEqual([
      expect.objectContaining({
        id: 'github:acme/payment-service:deployment:145988746',
        entityRef: PAYMENT,
        commitShas: [SHA_A],
      }),
    ]);
  });

  it('processes one X-GitHub-Delivery once, however often GitHub redelivers it', async () => {
    // A year before the other tests' deployments, out of their metrics windows.
    const payload = deploymentStatus('success', 4242);
    payload.deployment.created_at = '2023-05-02T10:05:00Z';
    payload.deployment_status.created_at = '2023-05-02T10:15:00Z';
    payload.deployment.sha = 'ab'.repeat(20);
    const body = JSON.stringify(payload);
    const send = () =>
      request(server)
        .post('/api/dora/webhooks/github')
        .set('content-type', 'application/json')
        .set('x-github-event', 'deployment_status')
        .set('x-github-delivery', 'c0ffee00-0000-4000-8000-000000000001')
        .set('x-hub-signature-256', sign(body))
        .send(body);
    const first = await send();
    expect(first.status).toBe(200);
    expect(first.body.inserted.deployments).toBe(1);
    const again = await send();
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      inserted: { deployments: 0 },
      duplicates: { deployments: 0 },
      ignored: [
        {
          reason:
            'delivery c0ffee00-0000-4000-8000-000000000001 was already received',
        },
      ],
    });
    const coverage = await request(server).get('/api/dora/coverage');
    const github = coverage.body.sources.find(
      (x: any) => x.source === 'github',
    );
    expect(github.ignored['duplicate-delivery']).toBe(1);
  });

  it('refuses a delivery whose signature does not match, storing nothing', async () => {
    const payload = deploymentStatus('success', 999);
    const forged = await deliver(
      'deployment_status',
      payload,
      sign(JSON.stringify(payload), 'guessed'),
    );
    expect(forged.status).toBe(401);
    expect(forged.body.error.message).toMatch(/^x-hub-signature-256: /);
    const unsigned = await request(server)
      .post('/api/dora/webhooks/github')
      .set('content-type', 'application/json')
      .set('x-github-event', 'deployment_status')
      .send(JSON.stringify(payload));
    expect(unsigned.status).toBe(401);
    // Re-serialising the JSON differently breaks the signature too: the bytes are what count.
    const body = JSON.stringify(payload);
    const spaced = await request(server)
      .post('/api/dora/webhooks/github')
      .set('content-type', 'application/json')
      .set('x-github-event', 'deployment_status')
      .set('x-hub-signature-256', sign(body))
      .send(JSON.stringify(payload, null, 2));
    expect(spaced.status).toBe(401);
    // The signature is checked on the raw bytes before they are parsed: broken JSON with a wrong
    // signature is a 401, not a parse error.
    const garbage = await request(server)
      .post('/api/dora/webhooks/github')
      .set('content-type', 'application/json')
      .set('x-github-event', 'push')
      .set('x-hub-signature-256', sign('{"a":', 'guessed'))
      .send('{"a":');
    expect(garbage.status).toBe(401);
    expect(garbage.body.error.message).toMatch(/^x-hub-signature-256: /);
    // An empty body carries nothing to sign: refused as unsigned, whatever the header says.
    const empty = await request(server)
      .post('/api/dora/webhooks/github')
      .set('content-type', 'application/json')
      .set('x-github-event', 'push')
      .set('x-hub-signature-256', sign(''))
      .send('');
    expect(empty.status).toBe(401);
    expect(empty.body.error.message).toMatch(/^x-hub-signature-256: /);
    // Over GitHub's 25 MB cap: refused while reading, before the signature or JSON.
    const huge = `{"a":"${'x'.repeat(26 * 1024 * 1024)}"}`;
    const tooLarge = await request(server)
      .post('/api/dora/webhooks/github')
      .set('content-type', 'application/json')
      .set('x-github-event', 'push')
      .set('x-hub-signature-256', sign(huge))
      .send(huge);
    expect(tooLarge.status).toBe(413);
    expect((await deployments()).map((d: any) => d.id)).not.toContain(
      'github:acme/payment-service:deployment:999',
    );
  });

  it('answers a malformed delivery with a 400 naming the field', async () => {
    const payload = workflowRun('success') as any;
    delete payload.workflow_run.updated_at;
    const res = await deliver('workflow_run', payload);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'workflow_run.updated_at: must be a non-empty string',
    );
    const noEvent = await request(server)
      .post('/api/dora/webhooks/github')
      .set('content-type', 'application/json')
      .send('{}');
    expect(noEvent.status).toBe(400);
    expect(noEvent.body.error.message).toMatch(/x-github-event/);
  });

  it('opens and later resolves an incident from issue events', async () => {
    await deliver('issues', incidentIssue('opened'));
    const closed = await deliver(
      'issues',
      incidentIssue('closed', { closed: true }),
    );
    expect(closed.body).toMatchObject({ completed: { incidents: 1 } });
    await waitForDerived(server);
    const metrics = await request(server).get('/api/dora/metrics').query({
      entityRef: PAYMENT,
      from: '2024-04-01T00:00:00Z',
      to: '2024-06-01T00:00:00Z',
    });
    expect(metrics.status).toBe(200);
    // The incident names the deployed commit: that deployment failed, and was restored when
    // the incident was resolved (10:15 → 13:00).
    expect(metrics.body.metrics.changeFailureRate.value).toBe(1);
    expect(metrics.body.metrics.failedDeploymentRecoveryTime.value).toBe(
      165 * 60_000,
    );
  });

  it('acknowledges deliveries of repositories outside the catalog without storing', async () => {
    const payload = deploymentStatus('success', 5);
    payload.repository = { ...payload.repository, full_name: 'acme/unknown' };
    const res = await deliver('deployment_status', payload);
    expect(res.status).toBe(200);
    expect(res.body.ignored).toEqual([
      { reason: 'no catalog entity has github.com/project-slug: acme/unknown' },
    ]);
  });

  it("keeps a configured location's repository claim over a registered copy", async () => {
    const payload = deploymentStatus('success', 8);
    payload.repository = { ...payload.repository, full_name: 'acme/ledger' };
    const res = await deliver('deployment_status', payload);
    expect(res.body).toMatchObject({
      inserted: { deployments: 1 },
      ignored: [],
    });
    const stored = await request(server)
      .get('/api/dora/deployments')
      .query({ entityRef: 'component:default/ledger' });
    expect(stored.body.items).toHaveLength(1);
  });

  it('ignores a repository claimed from two registered locations, counting it', async () => {
    const payload = deploymentStatus('success', 6);
    payload.repository = { ...payload.repository, full_name: 'acme/books' };
    const res = await deliver('deployment_status', payload);
    expect(res.status).toBe(200);
    expect(res.body.inserted.deployments).toBe(0);
    expect(res.body.ignored).toEqual([
      {
        reason:
          'github.com/project-slug: acme/books is claimed by entities of different locations (component:default/a-books-copy, component:default/books)',
      },
    ]);
    const event = serviceDeployed({ id: 'cd-books' });
    event.data.subject.id = 'https://github.com/acme/books';
    const cd = await request(server)
      .post('/api/dora/cdevents')
      .set('content-type', 'application/cloudevents+json')
      .send(JSON.stringify(event));
    expect(cd.status).toBe(200);
    expect(cd.body.ignored[0].reason).toMatch(/acme\/books is claimed by/);
    const coverage = await request(server).get('/api/dora/coverage');
    const count = (source: string) =>
      coverage.body.sources.find((s: any) => s.source === source).ignored[
        'ambiguous-slug'
      ];
    expect([count('github'), count('cdevents')]).toEqual([1, 1]);
    const stored = await request(server)
      .get('/api/dora/deployments')
      .query({ entityRef: 'component:default/books' });
    expect(stored.body.items).toEqual([]);
  });

  it("gives a monorepo's deliveries to the smallest ref of its one location", async () => {
    const payload = deploymentStatus('success', 7);
    payload.repository = { ...payload.repository, full_name: 'acme/mono' };
    const res = await deliver('deployment_status', payload);
    expect(res.body).toMatchObject({
      inserted: { deployments: 1 },
      ignored: [],
    });
    const stored = await request(server)
      .get('/api/dora/deployments')
      .query({ entityRef: 'component:default/mono-api' });
    expect(stored.body.items).toHaveLength(1);
  });

  it('takes CDEvents in structured and binary mode, idempotently', async () => {
    const event = serviceDeployed({ id: 'cd-1' });
    const structured = await request(server)
      .post('/api/dora/cdevents')
      .set('content-type', 'application/cloudevents+json')
      .send(JSON.stringify(event));
    expect(structured.status).toBe(200);
    expect(structured.body.inserted.deployments).toBe(1);
    const binary = await request(server)
      .post('/api/dora/cdevents')
      .set('content-type', 'application/json')
      .set('ce-id', event.id)
      .set('ce-source', event.source)
      .set('ce-type', event.type)
      .set('ce-specversion', '1.0')
      .send(event.data);
    expect(binary.status).toBe(200);
    expect(binary.body).toMatchObject({
      inserted: { deployments: 0 },
      duplicates: { deployments: 1 },
    });
    expect((await deployments()).map((d: any) => d.id)).toContain(
      'cdevents:/event/source/tekton:cd-1',
    );
  });

  it('stores nothing of a CDEvents batch with one bad event, and names it', async () => {
    const bad = serviceDeployed({ id: 'cd-3' }) as any;
    bad.data.subject.content.environment = 'production';
    const res = await request(server)
      .post('/api/dora/cdevents')
      .set('content-type', 'application/cloudevents-batch+json')
      .send(
        JSON.stringify([
          serviceDeployed({ id: 'cd-2' }),
          incident('detected', 'cd-i', '2024-05-02T10:20:00Z'),
          bad,
        ]),
      );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      '[2].data.subject.content.environment: must be an object',
    );
    const ids = (await deployments()).map((d: any) => d.id);
    expect(ids).not.toContain('cdevents:/event/source/tekton:cd-2');
  });

  it('attributes CDEvents v0.5 by repository, reads the SHA from the purl, and ignores what no entity claims', async () => {
    const v05 = (
      type: string,
      id: string,
      subject: object,
      extra = {},
      contextSource = 'https://github.com/acme/payment-service',
    ) => ({
      specversion: '1.0',
      id,
      source: 'https://ci.example.com/pipelines',
      type,
      data: {
        context: {
          specversion: '0.5.0',
          id,
          source: contextSource,
          type,
          timestamp: '2024-05-03T10:00:00Z',
        },
        subject,
        ...extra,
      },
    });
    const deployed = v05('dev.cdevents.service.deployed.0.3.0', 'v05-1', {
      // Not an entity ref nor a known kubernetes-id: the repository of the source decides.
      id: 'payments',
      content: {
        environment: { id: 'production' },
        artifactId: `pkg:github/acme/payment-service@${SHA_A}`,
      },
    });
    // The shared deploy pipeline of another repository, which the catalog does not know.
    const sharedRun = v05(
      'dev.cdevents.pipelinerun.finished.0.3.0',
      'v05-2',
      {
        id: 'run-77',
        source: 'https://github.com/acme/unknown',
        content: { pipelineName: 'deploy-production', outcome: 'failure' },
      },
      { customData: { environment: 'production' } },
      'https://ci.example.com/pipelines/deploy-production',
    );
    const res = await request(server)
      .post('/api/dora/cdevents')
      .set('content-type', 'application/cloudevents-batch+json')
      .send(JSON.stringify([deployed, sharedRun]));
    expect(res.status).toBe(200);
    expect(res.body.inserted.deployments).toBe(1);
    expect(res.body.ignored).toEqual([
      {
        index: 1,
        reason: 'no catalog entity has github.com/project-slug: acme/unknown',
      },
    ]);
    const stored = (await deployments()).find(
      (d: any) => d.id === 'cdevents:https://ci.example.com/pipelines:v05-1',
    );
    expect(stored).toMatchObject({ entityRef: PAYMENT, commitShas: [SHA_A] });

    const coverage = await request(server).get('/api/dora/coverage');
    expect(coverage.status).toBe(200);
    const cd = coverage.body.sources.find((s: any) => s.source === 'cdevents');
    expect(cd.attributed).toBeGreaterThanOrEqual(1);
    expect(cd.ignored.unattributed).toBeGreaterThanOrEqual(1);
    expect(cd.refused).toBeGreaterThanOrEqual(3);
    expect(cd.received).toBe(
      cd.attributed +
        cd.refused +
        Object.values(cd.ignored as Record<string, number>).reduce(
          (a, b) => a + b,
          0,
        ),
    );
  });

  it('requires a Backstage token for CDEvents', async () => {
    const res = await request(server)
      .post('/api/dora/cdevents')
      .set('authorization', mockCredentials.none.header())
      .set('content-type', 'application/cloudevents+json')
      .send(JSON.stringify(serviceDeployed({ id: 'cd-9' })));
    expect(res.status).toBe(401);
  });
});
