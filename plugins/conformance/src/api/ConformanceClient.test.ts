import { paymentReport, checks, summaries } from '../__testUtils__/fixtures';
import { clientTestApis, jsonResponse } from '@internal/portal-react/testUtils';
import { ConformanceClient } from './ConformanceClient';

const BASE = 'http://localhost:7007/api/conformance';

function setup(response: Response) {
  const { fetch, discoveryApi, fetchApi } = clientTestApis(response, BASE);
  const client = new ConformanceClient({ discoveryApi, fetchApi });
  return { client, fetch, discoveryApi };
}

describe('ConformanceClient', () => {
  it('lists checks from the conformance plugin', async () => {
    const { client, fetch, discoveryApi } = setup(
      jsonResponse(200, { items: checks }),
    );
    await expect(client.getChecks()).resolves.toEqual(checks);
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('conformance');
    expect(fetch).toHaveBeenCalledWith(`${BASE}/checks`, undefined);
  });

  it('passes only the filters that are set', async () => {
    const { client, fetch } = setup(jsonResponse(200, { items: summaries }));
    await expect(client.listEntities()).resolves.toEqual(summaries);
    expect(fetch.mock.calls[0][0]).toBe(`${BASE}/entities`);

    await client.listEntities({
      owner: 'group:default/payments',
      severity: 'high',
    });
    expect(fetch.mock.calls[1][0]).toBe(
      `${BASE}/entities?owner=group%3Adefault%2Fpayments&severity=high`,
    );
  });

  it('encodes the entity ref of a report request', async () => {
    const { client, fetch } = setup(jsonResponse(200, paymentReport));
    await expect(
      client.getEntity('component:default/payment-service'),
    ).resolves.toEqual(paymentReport);
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/entity?entityRef=component%3Adefault%2Fpayment-service`,
    );
  });

  it('posts a refresh as JSON', async () => {
    const { client, fetch } = setup(jsonResponse(200, paymentReport));
    await client.refresh('component:default/payment-service');
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${BASE}/refresh`);
    expect(init?.method).toBe('POST');
    expect(JSON.parse(init?.body as string)).toEqual({
      entityRef: 'component:default/payment-service',
    });
  });

  it('throws a ResponseError carrying the backend error', async () => {
    const { client } = setup(
      jsonResponse(404, {
        error: { name: 'NotFoundError', message: 'Entity not evaluated yet' },
        request: { method: 'GET', url: '/entity' },
        response: { statusCode: 404 },
      }),
    );
    await expect(
      client.getEntity('component:default/nope'),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      cause: expect.objectContaining({ name: 'NotFoundError' }),
    });
  });
});
