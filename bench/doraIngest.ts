/**
 * P2: ingestion over HTTP with idempotency. POSTs batches of deployments, changes and incidents
 * to /api/dora/events of a started dora plugin (startTestBackend, database on PostgreSQL), then
 * re-delivers a share of the batches (which must change nothing), and compares events/s with
 * PostgreSQL COPY of the same event rows into an empty schema (the limit).
 *
 * Ingest stores events and queues their entities for re-derivation (a background pass after
 * ingest, and every 5 s). Two figures: the rate at which POSTs are answered (events stored,
 * idempotent, all-or-nothing; what COPY also does), and the rate until an org-wide GET /metrics
 * answers with nothing queued, so the derivation of links, facts and rollups is inside that
 * second figure.
 *
 *   yarn bench:dora-ingest        (BENCH_SERVICES=200, BENCH_DAYS=60, BENCH_BATCH=1000)
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DoraEvents,
  HistoryProfile,
  generateHistory,
} from '@internal/plugin-dora-common';
import { doraPlugin } from '../plugins/dora-backend/src/plugin';
import { DatabaseDoraStore } from '../plugins/dora-backend/src/database/DoraStore';
import {
  toChangeRow,
  toDeploymentRow,
  toIncidentRow,
} from '../plugins/dora-backend/src/database/rows';
import { CsvTables, RAW_COLUMNS, benchDatabase } from './dora/benchDatabase';
import { linearHistory } from './dora/linearHistory';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 200);
const DAYS = Number(process.env.BENCH_DAYS ?? 60);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const REDELIVER = 0.2;
const MIX: HistoryProfile[] = ['elite', 'elite', 'high', 'medium', 'low'];

const COLUMNS = RAW_COLUMNS;

/** Batches as a CI/CD feed sends them: each service's events in time order, services interleaved. */
function batches(history: ReturnType<typeof generateHistory>): DoraEvents[] {
  type Item = {
    t: string;
    kind: 'deployments' | 'changes' | 'incidents';
    item: any;
  };
  const items: Item[] = [
    ...history.changes.map(c => ({
      t: c.committedAt,
      kind: 'changes' as const,
      item: c,
    })),
    ...history.deployments.map(d => ({
      t: d.finishedAt,
      kind: 'deployments' as const,
      item: d,
    })),
    ...history.incidents.map(i => ({
      t: i.openedAt,
      kind: 'incidents' as const,
      item: i,
    })),
  ].sort((a, b) => (a.t < b.t ? -1 : Number(a.t > b.t)));
  const result: DoraEvents[] = [];
  for (let i = 0; i < items.length; i += BATCH) {
    const batch = {
      deployments: [] as any[],
      changes: [] as any[],
      incidents: [] as any[],
    };
    for (const { kind, item } of items.slice(i, i + BATCH))
      batch[kind].push(item);
    result.push(batch);
  }
  return result;
}

const size = (b: DoraEvents) =>
  b.deployments.length + (b.changes?.length ?? 0) + (b.incidents?.length ?? 0);

async function main() {
  const history = generateHistory({
    seed: 62,
    days: DAYS,
    staging: false,
    services: Array.from({ length: SERVICES }, (_, i) => ({
      entityRef: `component:default/svc-${String(i).padStart(4, '0')}`,
      profile: MIX[i % MIX.length],
    })),
  });
  // Each service's commits as a chain of parent edges, deployments naming their head commit.
  const { edges } = linearHistory(history);
  const all = batches(history);
  const total = all.reduce((n, b) => n + size(b), 0);
  console.log(
    `${total} events (${edges} commits with a parent edge) in ${all.length} batches of ≤ ${BATCH}, ${SERVICES} services`,
  );

  const { knex } = await benchDatabase('portal_bench_dora_ingest', true);
  const backend = await startTestBackend({
    features: [
      doraPlugin,
      mockServices.database.factory({ knex, migrations: { skip: false } }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootLogger.factory({ level: 'warn' }),
    ],
  });
  const base = `http://localhost:${backend.server.port()}/api/dora`;
  const post = async (batch: DoraEvents) => {
    const res = await fetch(`${base}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    return res.json();
  };

  const metrics = async () => {
    const query = new URLSearchParams({
      from: new Date(history.window.from).toISOString(),
      to: new Date(history.window.to).toISOString(),
    });
    // Reads answer from what is derived: wait until no entity is still queued, i.e. until the
    // figures count every stored event.
    for (;;) {
      const res = await fetch(`${base}/metrics?${query}`);
      if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
      const body = await res.json();
      if (body.queued === 0) return body.metrics;
      await new Promise(r => setTimeout(r, 20));
    }
  };

  const t0 = performance.now();
  for (const batch of all) await post(batch);
  const fed = (performance.now() - t0) / 1000;
  const derived = await metrics();
  const firstSeconds = (performance.now() - t0) / 1000;
  const again = all.slice(0, Math.ceil(all.length * REDELIVER));
  const t1 = performance.now();
  let reinserted = 0;
  for (const batch of again) {
    const r = await post(batch);
    reinserted +=
      r.inserted.deployments + r.inserted.changes + r.inserted.incidents;
  }
  const refed = (performance.now() - t1) / 1000;
  if (JSON.stringify(await metrics()) !== JSON.stringify(derived))
    throw new Error('re-delivery changed the metrics');
  const againSeconds = (performance.now() - t1) / 1000;
  const againEvents = again.reduce((n, b) => n + size(b), 0);
  if (reinserted !== 0)
    throw new Error(`re-delivery inserted ${reinserted} events`);
  const stored = await knex.raw(
    'SELECT (SELECT count(*) FROM deployments) + (SELECT count(*) FROM changes) + (SELECT count(*) FROM incidents) AS n',
  );
  await backend.stop();
  // Steady state: every service queued again with nothing new, as a busy feed keeps doing; the
  // pass re-derives each whole history and finds nothing to write. Timed as one pass of the
  // store (reads no longer drain the queue, and the backend's schedule would add its wait).
  const store = await DatabaseDoraStore.create({
    database: { getClient: async () => knex } as any,
  });
  const window = { from: history.window.from, to: history.window.to };
  const before = JSON.stringify(await store.metrics(window));
  await knex.raw(
    'INSERT INTO dora_refresh_queue (entity_ref, generation) SELECT DISTINCT entity_ref, 1 FROM deployments ON CONFLICT DO NOTHING',
  );
  const t2 = performance.now();
  await store.refresh();
  const noopSeconds = (performance.now() - t2) / 1000;
  if (JSON.stringify(await store.metrics(window)) !== before)
    throw new Error('a refresh with nothing new changed the metrics');
  await knex.destroy();
  // Acknowledged: every POST answered, its events durably stored (derivation still queued).
  const storedRate = (total + againEvents) / (fed + refed);
  // End to end: until /metrics reflects every event, derivation included.
  const httpRate = (total + againEvents) / (firstSeconds + againSeconds);

  // The limit: COPY of the same event rows into an empty schema with the same indexes.
  const copyDb = await benchDatabase('portal_bench_dora_copy', true);
  await DatabaseDoraStore.create({
    database: { getClient: async () => copyDb.knex } as any,
  });
  const csv = new CsvTables('/tmp/portal-bench-dora-ingest', COLUMNS);
  for (const d of history.deployments) {
    csv.write('deployments', toDeploymentRow(d));
    d.commitShas.forEach((sha, position) =>
      csv.write('deployment_commits', {
        entity_ref: d.entityRef,
        source: d.source,
        deployment_id: d.id,
        sha,
        position,
      }),
    );
  }
  for (const c of history.changes) {
    csv.write('changes', toChangeRow(c));
    for (const parent of c.parents ?? [])
      csv.write('change_parents', { sha: c.sha, parent_sha: parent });
  }
  history.incidents.forEach(i => csv.write('incidents', toIncidentRow(i)));
  await csv.close();
  const copied = csv.copyAll(copyDb.url, Object.keys(COLUMNS));
  const copySeconds = Object.values(copied).reduce((a, b) => a + b, 0);
  await copyDb.knex.destroy();
  const copyRate = total / copySeconds;

  console.log(
    `stored ${stored.rows[0].n} of ${total} events; re-delivery of ${againEvents} inserted 0`,
  );
  console.log(
    `HTTP ingest, stored and acknowledged: ${storedRate.toFixed(
      0,
    )} events/s (POSTs: first delivery ${fed.toFixed(
      1,
    )} s, re-delivery ${refed.toFixed(1)} s)`,
  );
  console.log(
    `HTTP ingest until /metrics reflects it: ${httpRate.toFixed(
      0,
    )} events/s (first delivery ${(total / firstSeconds).toFixed(0)}/s incl. ${(
      firstSeconds - fed
    ).toFixed(1)} s of derivation after the last POST; re-delivery ${(
      againEvents / againSeconds
    ).toFixed(0)}/s)`,
  );
  console.log(
    `refresh of all ${SERVICES} services with nothing new, until /metrics: ${noopSeconds.toFixed(
      2,
    )} s (${((noopSeconds * 1000) / SERVICES).toFixed(1)} ms per service)`,
  );
  console.log(
    `org deployments per day in the history window: ${derived.deploymentFrequency.value.toFixed(
      2,
    )}`,
  );
  console.log(
    `COPY of the same rows: ${copyRate.toFixed(
      0,
    )} events/s (${copySeconds.toFixed(1)} s incl. psql start)`,
  );
  console.log(
    `ratio to COPY: stored ${(storedRate / copyRate).toFixed(
      2,
    )}, until /metrics ${(httpRate / copyRate).toFixed(2)}`,
  );
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
