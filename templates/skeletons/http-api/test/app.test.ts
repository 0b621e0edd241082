import assert from 'node:assert/strict';
import { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createApp, App } from '../src/app';
import { createLogger } from '../src/logger';

describe('${{ values.name }}', () => {
  const lines: string[] = [];
  let app: App;
  let base: string;

  before(async () => {
    app = createApp(
      createLogger('${{ values.name }}', line => lines.push(line)),
    );
    await new Promise<void>(resolve =>
      app.server.listen(0, '127.0.0.1', resolve),
    );
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>(resolve => app.server.close(() => resolve())));

  it('answers liveness and readiness, and fails readiness while shutting down', async () => {
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    app.setReady(false);
    assert.equal((await fetch(`${base}/readyz`)).status, 503);
    app.setReady(true);
  });

  it('serves the API and counts requests in Prometheus format', async () => {
    const res = await fetch(`${base}/api/v1/hello`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {
      message: 'hello from ${{ values.name }}',
    });
    assert.equal((await fetch(`${base}/nope`)).status, 404);

    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.match(metrics, /# TYPE http_requests_total counter/);
    assert.match(
      metrics,
      /http_requests_total\{code="200",method="GET",route="\/api\/v1\/hello"\} 1/,
    );
    assert.match(
      metrics,
      /http_requests_total\{code="404",method="GET",route="unmatched"\} 1/,
    );
    assert.match(
      metrics,
      /http_request_duration_seconds_bucket\{method="GET",route="\/api\/v1\/hello",le="\+Inf"\} 1/,
    );
  });

  it('logs one JSON object per request', () => {
    const entry = lines
      .map(l => JSON.parse(l))
      .find(l => l.path === '/api/v1/hello');
    assert.equal(entry.level, 'info');
    assert.equal(entry.service, '${{ values.name }}');
    assert.equal(entry.status, 200);
  });
});
