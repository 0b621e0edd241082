import { clientTestApis, jsonResponse } from '@internal/portal-react/testUtils';
import { DoraClient } from './DoraClient';

const BASE = 'http://localhost:7007/api/dora';

function setup(response: Response) {
  const { fetch, discoveryApi, fetchApi } = clientTestApis(response, BASE);
  const client = new DoraClient({ discoveryApi, fetchApi });
  return { client, fetch, discoveryApi };
}

describe('DoraClient', () => {
  it('asks the dora plugin for org metrics without parameters', async () => {
    const body = { scope: { kind: 'organization' }, metrics: {} };
    const { client, fetch, discoveryApi } = setup(jsonResponse(200, body));
    await expect(client.getMetrics()).resolves.toEqual(body);
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('dora');
    expect(fetch.mock.calls[0][0]).toBe(`${BASE}/metrics`);
  });

  it('reads the sources’ coverage and gives its URL for a link', async () => {
    const body = { from: 'a', to: 'b', sources: [] };
    const { client, fetch } = setup(jsonResponse(200, body));
    await expect(client.getCoverage()).resolves.toEqual(body);
    expect(fetch.mock.calls[0][0]).toBe(`${BASE}/coverage`);
    await expect(client.coverageUrl()).resolves.toBe(`${BASE}/coverage`);
  });

  it('encodes scope, environment, window and bucket', async () => {
    const { client, fetch } = setup(jsonResponse(200, {}));
    await client.getMetrics({
      group: 'group:default/payments',
      environment: 'staging',
      window: '90d',
      bucket: 'week',
    });
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/metrics?group=group%3Adefault%2Fpayments&environment=staging&window=90d&bucket=week`,
    );
  });

  it('asks for every team’s keys in one request', async () => {
    const body = { environment: 'staging', teams: [] };
    const { client, fetch } = setup(jsonResponse(200, body));
    await expect(
      client.getTeamMetrics({ environment: 'staging', window: '7d' }),
    ).resolves.toEqual(body);
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/metrics/teams?environment=staging&window=7d`,
    );
  });

  it('lists deployments and leaves out unset filters', async () => {
    const items = [{ id: 'd1' }];
    const { client, fetch } = setup(jsonResponse(200, { items }));
    await expect(
      client.listDeployments({
        entityRef: 'component:default/payment-service',
        from: '2025-01-01T00:00:00.000Z',
        limit: 500,
      }),
    ).resolves.toEqual(items);
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/deployments?entityRef=component%3Adefault%2Fpayment-service&from=2025-01-01T00%3A00%3A00.000Z&limit=500`,
    );
  });

  it('throws a ResponseError carrying the backend error', async () => {
    const { client } = setup(
      jsonResponse(400, {
        error: { name: 'InputError', message: 'window: must be one of 7d' },
        request: { method: 'GET', url: '/metrics' },
        response: { statusCode: 400 },
      }),
    );
    await expect(client.getMetrics({ window: '7d' })).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      cause: expect.objectContaining({ name: 'InputError' }),
    });
  });
});
