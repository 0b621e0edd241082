import { ReviewClient } from './ReviewClient';

function clientWith(response: () => Response) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) =>
    response(),
  );
  const client = new ReviewClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/review' },
    fetchApi: { fetch: fetch as any },
  });
  return { client, fetch };
}

describe('ReviewClient', () => {
  it('asks for the month and scope, leaving unset values out', async () => {
    const { client, fetch } = clientWith(
      () => new Response(JSON.stringify({ month: '2026-11' }), { status: 200 }),
    );
    await client.getReview({
      month: '2026-11',
      scope: 'group:default/payments',
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/review/?month=2026-11&scope=group%3Adefault%2Fpayments',
    );
    await client.getReview({});
    expect(fetch.mock.calls[1][0]).toBe('http://backend/api/review/');
  });

  it('throws the backend error with its message', async () => {
    const { client } = clientWith(
      () =>
        new Response(
          JSON.stringify({
            error: { name: 'InputError', message: 'month: expected YYYY-MM' },
          }),
          { status: 400, headers: { 'content-type': 'application/json' } },
        ),
    );
    const error = await client.getReview({ month: 'x' }).catch(e => e);
    expect(error).toMatchObject({ name: 'ResponseError', statusCode: 400 });
    expect(String(error.cause)).toContain('month: expected YYYY-MM');
  });

  it('posts an item as JSON', async () => {
    const { client, fetch } = clientWith(
      () => new Response(JSON.stringify({ id: '1' }), { status: 201 }),
    );
    await client.addItem({
      month: '2026-11',
      rowRef: 'group:default/payments',
      kind: 'note',
      text: 'hello',
    });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://backend/api/review/items');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toMatchObject({ kind: 'note' });
  });
});
