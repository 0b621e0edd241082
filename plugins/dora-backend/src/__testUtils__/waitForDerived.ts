import request from 'supertest';

/**
 * Waits until `GET /api/dora/metrics` reports nothing queued across the organisation: ingest
 * answers before its entities are re-derived, and the plugin re-derives them in the background.
 */
export async function waitForDerived(
  server: Parameters<typeof request>[0],
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(server).get('/api/dora/metrics');
    if (res.status !== 200) {
      throw new Error(
        `GET /metrics: ${res.status} ${JSON.stringify(res.body)}`,
      );
    }
    if (res.body.queued === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`still ${res.body.queued} entities queued`);
    }
    await new Promise(r => setTimeout(r, 50));
  }
}
