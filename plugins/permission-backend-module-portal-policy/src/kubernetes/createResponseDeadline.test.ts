import express from 'express';
import request from 'supertest';
import { createResponseDeadline } from './createResponseDeadline';

describe('kubernetes response deadline', () => {
  function app(handlerDelayMs: number | 'never') {
    const late: Array<() => void> = [];
    const server = express()
      .use(createResponseDeadline({ timeoutMs: 300, loadClient: () => {} }))
      .use((_req, res) => {
        if (handlerDelayMs === 'never') return;
        const answer = () => res.json({ from: 'cluster' });
        late.push(answer);
        setTimeout(answer, handlerDelayMs);
      });
    return { server, late };
  }

  it('answers a request the backend never answers with a 503 naming the limit', async () => {
    const started = Date.now();
    const res = await request(app('never').server).post(
      '/services/payment-service',
    );
    const took = Date.now() - started;
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /^The Kubernetes backend did not answer POST \/services\/payment-service within 300 ms/,
      ),
    });
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(2_000);
  });

  it('discards what the backend writes after the deadline', async () => {
    const { server } = app(600);
    const res = await request(server).get('/clusters');
    expect(res.status).toBe(503);
    // The late answer runs against the closed response without throwing.
    await new Promise(r => setTimeout(r, 500));
  });

  it('leaves an answer in time and the proxy alone', async () => {
    const fast = await request(app(10).server).get('/clusters');
    expect(fast.status).toBe(200);
    expect(fast.body).toEqual({ from: 'cluster' });
    const proxied = await request(app(600).server).get(
      '/proxy/api/v1/namespaces/payments/pods/p/log?follow=true',
    );
    expect(proxied.status).toBe(200);
  });
});
