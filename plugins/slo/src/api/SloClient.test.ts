import {
  allSlos,
  detailOf,
  entitySlosOf,
  userAvailability,
  userGateDenied,
} from '../__testUtils__/fixtures';
import { clientTestApis, jsonResponse } from '@internal/portal-react/testUtils';
import { SloClient } from './SloClient';

const BASE = 'http://localhost:7007/api/slo';

function setup(response: Response) {
  const { fetch, discoveryApi, fetchApi } = clientTestApis(response, BASE);
  const client = new SloClient({ discoveryApi, fetchApi });
  return { client, fetch, discoveryApi };
}

describe('SloClient', () => {
  it('lists SLOs from the slo plugin, passing only the filters that are set', async () => {
    const { client, fetch, discoveryApi } = setup(
      jsonResponse(200, { items: allSlos }),
    );
    await expect(client.listSlos()).resolves.toEqual(allSlos);
    await expect(client.listSlosWithErrors()).resolves.toEqual({
      items: allSlos,
      errors: [],
    });
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('slo');
    expect(fetch.mock.calls[0][0]).toBe(`${BASE}/slos`);

    await client.listSlos({
      owner: 'group:default/payments',
      system: '',
      status: 'no-data',
      sort: 'budget',
    });
    expect(fetch.mock.calls[2][0]).toBe(
      `${BASE}/slos?owner=group%3Adefault%2Fpayments&status=no-data&sort=budget`,
    );
  });

  it('asks for one SLO by id (which has a slash) and resolution', async () => {
    const detail = detailOf(userAvailability);
    const { client, fetch } = setup(jsonResponse(200, detail));
    await expect(
      client.getSlo('user-service/api-availability', { resolution: '6h' }),
    ).resolves.toEqual(detail);
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/slo?id=user-service%2Fapi-availability&resolution=6h`,
    );

    await client.getSlo('user-service/api-availability');
    expect(fetch.mock.calls[1][0]).toBe(
      `${BASE}/slo?id=user-service%2Fapi-availability`,
    );
  });

  it('asks for a calendar month of SLOs', async () => {
    const answer = {
      month: '2026-11',
      from: 1_793_491_200,
      to: 1_796_083_200,
      complete: true,
      items: [],
    };
    const { client, fetch } = setup(jsonResponse(200, answer));
    await expect(client.getMonth('2026-11')).resolves.toEqual(answer);
    expect(fetch.mock.calls[0][0]).toBe(`${BASE}/slos/month?month=2026-11`);
  });

  it('encodes the entity ref of entity and gate requests', async () => {
    const entity = entitySlosOf('component:default/user-service');
    const { client, fetch } = setup(jsonResponse(200, entity));
    await expect(
      client.getEntity('component:default/user-service'),
    ).resolves.toEqual(entity);
    expect(fetch.mock.calls[0][0]).toBe(
      `${BASE}/entity?entityRef=component%3Adefault%2Fuser-service`,
    );

    const gate = setup(jsonResponse(200, userGateDenied));
    await expect(
      gate.client.getGate('component:default/user-service', {
        changeType: 'security_patch',
      }),
    ).resolves.toEqual(userGateDenied);
    expect(gate.fetch.mock.calls[0][0]).toBe(
      `${BASE}/gate?entityRef=component%3Adefault%2Fuser-service&changeType=security_patch`,
    );
  });

  it('throws a ResponseError carrying the backend error', async () => {
    const { client } = setup(
      jsonResponse(404, {
        error: { name: 'NotFoundError', message: 'No SLO with id nope' },
        request: { method: 'GET', url: '/slo?id=nope' },
        response: { statusCode: 404 },
      }),
    );
    await expect(client.getSlo('nope')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      cause: expect.objectContaining({
        name: 'NotFoundError',
        message: 'No SLO with id nope',
      }),
    });
  });
});
