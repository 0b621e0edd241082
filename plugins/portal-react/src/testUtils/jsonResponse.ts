const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
};

/**
 * A fetch `Response` carrying JSON, for API client tests that check the
 * requests a client makes and how it reads answers and errors
 * (`ResponseError.fromResponse` reads the status, headers and text).
 */
export function jsonResponse(
  status: number,
  body: unknown,
  url = 'http://localhost:7007/api',
): Response {
  const text = JSON.stringify(body);
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: STATUS_TEXT[status] ?? 'OK',
    url,
    headers: {
      get: (h: string) =>
        h.toLowerCase() === 'content-type' ? 'application/json' : null,
    },
    json: async () => JSON.parse(text),
    text: async () => text,
  } as unknown as Response;
}

/**
 * The discovery and fetch APIs an API client is built from, answering every
 * request with `response`; `fetch.mock.calls` holds the URLs and inits sent.
 */
export function clientTestApis(response: Response, baseUrl: string) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) => response);
  const discoveryApi = { getBaseUrl: jest.fn(async () => baseUrl) };
  const fetchApi = { fetch: fetch as unknown as typeof globalThis.fetch };
  return { fetch, discoveryApi, fetchApi };
}
