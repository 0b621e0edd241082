import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import examples from '@octokit/webhooks-examples';
import knexFactory from 'knex';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {
  CDEVENT_SCHEMAS,
  CdEventKind,
  asCdEvents,
  unattributableRuns,
} from './doraReplay/cdevents';
import { REPOS, Truth, buildHistory } from './doraReplay/history';
import { DAY } from './doraReplay/time';
import { PortalClient } from './PortalClient';
import { PortalBackend, startPortalBackend } from './startPortalBackend';

// A 90-day history of four repositories, replayed as signed GitHub webhooks into the booted
// backend on SQLite and on PostgreSQL, and compared number by number with an independent
// reference (doraReplay/reference.py, which walks the real git DAG rather than the pushes).
// The window ends at today's UTC midnight: the real clock, end to end.

jest.setTimeout(600_000);

const SECRET = crypto.randomBytes(16).toString('hex');
const to = Math.floor(Date.now() / DAY) * DAY;
const { truth, deliveries } = buildHistory(to, examples as any);
const entityOf = (repo: string) =>
  `component:default/replay-${repo.split('/')[1]}`;

type Figures = {
  deploymentsPerDay: number;
  deploymentDaysPerWeek: number | null;
  leadTimeMedian: number | null;
  leadTimeP90: number | null;
  leadTimeSamples: number;
  failed: number;
  completed: number;
  recoveryMedian: number | null;
  rework: number;
  tiers: Record<string, string | null>;
};

function reference(history: Truth): Record<string, Figures> {
  const out = execFileSync(
    'python3',
    [path.join(__dirname, 'doraReplay/reference.py')],
    { input: JSON.stringify(history) },
  );
  return JSON.parse(out.toString());
}

const expected = reference(truth);

function overrideFor(extra: Record<string, unknown> = {}) {
  return {
    ...extra,
    catalog: {
      locations: [
        {
          type: 'file',
          target: path.join(__dirname, 'doraReplay/catalog.yaml'),
        },
      ],
    },
    dora: {
      demo: { enabled: false },
      kubernetes: { enabled: false },
      github: { webhookSecret: SECRET, incidentLabel: 'incident' },
    },
  };
}

async function replay(backend: PortalBackend, client: PortalClient) {
  await client.waitForEntities(
    REPOS.map(r => `component:replay-${r.name}`),
    120_000,
  );
  const refused: string[] = [];
  for (const d of deliveries) {
    const body = JSON.stringify(d.payload);
    const res = await fetch(`${backend.baseUrl}/api/dora/webhooks/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': d.event,
        'x-github-delivery': crypto.randomUUID(),
        'x-hub-signature-256': `sha256=${crypto
          .createHmac('sha256', SECRET)
          .update(body)
          .digest('hex')}`,
      },
      body,
    });
    const answer = await res.json();
    if (res.status !== 200 || /no catalog entity/.test(JSON.stringify(answer)))
      refused.push(`${d.event} ${res.status} ${JSON.stringify(answer)}`);
  }
  expect(refused).toEqual([]);
}

const SCHEMAS = path.join(__dirname, 'doraReplay/cdevents-schemas');

/** Validators of the spec's schemas, by event kind. */
function cdeventValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of fs.readdirSync(path.join(SCHEMAS, 'links'))) {
    ajv.addSchema(
      JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'links', file), 'utf8')),
    );
  }
  const validators = Object.fromEntries(
    Object.entries(CDEVENT_SCHEMAS).map(([kind, file]) => [
      kind,
      ajv.compile(
        JSON.parse(fs.readFileSync(path.join(SCHEMAS, `${file}.json`), 'utf8')),
      ),
    ]),
  );
  return (kind: CdEventKind, cdevent: unknown): string | undefined => {
    const validate = validators[kind];
    return validate(cdevent) ? undefined : ajv.errorsText(validate.errors);
  };
}

/** The same history as CDEvents v0.5, schema-valid, one structured-mode CloudEvent a request. */
async function replayCdEvents(client: PortalClient) {
  await client.waitForEntities(
    REPOS.map(r => `component:replay-${r.name}`),
    120_000,
  );
  const events = [
    ...asCdEvents(deliveries),
    ...unattributableRuns(truth.window.from),
  ];
  const validate = cdeventValidator();
  const invalid = events
    .map(e => [e.event.id, validate(e.kind, e.event.data)])
    .filter(([, error]) => error !== undefined);
  expect(invalid).toEqual([]);
  const refused: string[] = [];
  const ignored: string[] = [];
  for (const { event } of events) {
    const res = await client.request('/api/dora/cdevents', {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify(event),
    });
    const answer = await res.json();
    if (res.status !== 200) refused.push(`${event.id} ${res.status}`);
    ignored.push(...answer.ignored.map((i: any) => i.reason));
  }
  expect(refused).toEqual([]);
  // Only the runs of repositories outside the catalog, each with its reason.
  expect(ignored).toEqual(
    [1, 2, 3].map(
      i =>
        `no catalog entity has github.com/project-slug: elsewhere/service-${i}`,
    ),
  );
  const coverage = await (await client.request('/api/dora/coverage')).json();
  expect(
    coverage.sources.find((s: any) => s.source === 'cdevents'),
  ).toMatchObject({
    received: events.length,
    attributed: events.length - 3,
    ignored: { unattributed: 3 },
    refused: 0,
  });
}

async function portalFigures(client: PortalClient, entityRef?: string) {
  const query = new URLSearchParams({
    from: truth.window.from,
    to: truth.window.to,
    ...(entityRef && { entityRef }),
  });
  const { metrics: m } = await client.doraMetricsDerived(
    Object.fromEntries(query),
  );
  const figures: Figures = {
    deploymentsPerDay: m.deploymentFrequency.value,
    deploymentDaysPerWeek: m.deploymentFrequency.medianDeploymentDaysPerWeek,
    leadTimeMedian: m.changeLeadTime.median ?? null,
    leadTimeP90: m.changeLeadTime.p90 ?? null,
    leadTimeSamples: m.changeLeadTime.count,
    failed: m.changeFailureRate.count,
    completed: m.changeFailureRate.denominator,
    recoveryMedian: m.failedDeploymentRecoveryTime.median ?? null,
    rework: m.deploymentReworkRate.count,
    tiers: {
      deploymentFrequency: m.deploymentFrequency.tier ?? null,
      changeLeadTime: m.changeLeadTime.tier ?? null,
      changeFailureRate: m.changeFailureRate.tier ?? null,
      failedDeploymentRecoveryTime: m.failedDeploymentRecoveryTime.tier ?? null,
    },
  };
  return { figures, coverage: m.changeLeadTime.coverage };
}

/** Every figure of every scope, against the reference. */
async function compareAll(client: PortalClient) {
  let compared = 0;
  for (const scope of Object.keys(expected)) {
    const { figures, coverage } = await portalFigures(
      client,
      scope === '*' ? undefined : entityOf(scope),
    );
    const want = expected[scope];
    expect({ scope, ...figures, deploymentsPerDay: undefined }).toEqual({
      scope,
      ...want,
      deploymentsPerDay: undefined,
    });
    expect(figures.deploymentsPerDay).toBeCloseTo(want.deploymentsPerDay, 12);
    // Every deployed SHA was pushed to the default branch first: ancestry fully known.
    expect(coverage.ancestryKnown).toBe(coverage.deployments);
    compared +=
      Object.keys(figures).length - 1 + Object.keys(want.tiers).length;
  }
  return compared;
}

describe('DORA replay of a 90-day GitHub history against an independent reference', () => {
  it('the history exercises what it claims to', () => {
    const all = expected['*'];
    // Long-lived branches make one service's lead time low tier, others stay better.
    expect(expected['replay-org/ledger'].tiers.changeLeadTime).toBe('low');
    expect(expected['replay-org/checkout'].tiers.changeLeadTime).not.toBe(
      'low',
    );
    expect(all.leadTimeSamples).toBeGreaterThan(500);
    expect(all.failed).toBeGreaterThan(5);
    expect(all.rework).toBeGreaterThan(0);
    expect(deliveries.some(d => (d.payload as any).forced === true)).toBe(true);
  });

  describe('on SQLite', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dora-replay-'));
    let backend: PortalBackend | undefined;
    afterAll(async () => {
      await backend?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('gives the reference figures, number by number', async () => {
      backend = await startPortalBackend({
        configs: ['app-config.yaml'],
        env: { PORTAL_DATA_DIR: dataDir },
        override: overrideFor(),
      });
      const client = await new PortalClient(backend.baseUrl).signInAsGuest();
      await replay(backend, client);
      expect(await compareAll(client)).toBeGreaterThanOrEqual(60);
      // The PR breakdown stays beside the per-commit figure: the merge message names the PR,
      // so the ledger's branches show weeks of coding before their PRs were opened.
      const ledger = await client.request(
        `/api/dora/metrics?${new URLSearchParams({
          entityRef: 'component:default/replay-ledger',
          from: truth.window.from,
          to: truth.window.to,
        })}`,
      );
      const { breakdown, pullRequests } = (await ledger.json()).metrics
        .changeLeadTime;
      expect(pullRequests).toBeGreaterThan(10);
      expect(breakdown.coding.count).toBe(pullRequests);
      expect(breakdown.coding.median).toBeGreaterThan(30 * DAY);
    });
  });

  describe('as CDEvents v0.5 on SQLite', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dora-replay-'));
    let backend: PortalBackend | undefined;
    afterAll(async () => {
      await backend?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('gives the same figures', async () => {
      backend = await startPortalBackend({
        configs: ['app-config.yaml'],
        env: { PORTAL_DATA_DIR: dataDir },
        // Posting for a service needs dora.events.create on it; the replay posts for four
        // services of replay-team, so its guest is made an admin of this portal.
        override: overrideFor({
          permission: { portal: { adminRefs: ['user:development/guest'] } },
        }),
      });
      const client = await new PortalClient(backend.baseUrl).signInAsGuest();
      await replayCdEvents(client);
      expect(await compareAll(client)).toBeGreaterThanOrEqual(60);
    });
  });

  describe('on PostgreSQL', () => {
    const url = new URL(
      process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
        'postgresql://postgres@127.0.0.1:5432',
    );
    const prefix = `dora_replay_${crypto.randomBytes(4).toString('hex')}_`;
    const connection = {
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username || 'postgres'),
      password: decodeURIComponent(url.password),
    };
    const admin = knexFactory({
      client: 'pg',
      connection: { ...connection, database: 'postgres' },
    });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dora-replay-'));
    let backend: PortalBackend | undefined;
    afterAll(async () => {
      await backend?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      const { rows } = await admin.raw(
        'select datname from pg_database where datname like ?',
        [`${prefix}%`],
      );
      for (const { datname } of rows) {
        await admin.raw('drop database if exists ?? with (force)', [datname]);
      }
      await admin.destroy();
    });

    it('gives the same figures', async () => {
      backend = await startPortalBackend({
        configs: ['app-config.yaml'],
        env: { PORTAL_DATA_DIR: dataDir },
        override: overrideFor({
          backend: { database: { client: 'pg', connection, prefix } },
        }),
      });
      const client = await new PortalClient(backend.baseUrl).signInAsGuest();
      await replay(backend, client);
      expect(await compareAll(client)).toBeGreaterThanOrEqual(60);
    });
  });
});
