import { NotFoundError, ResponseError } from '@backstage/errors';
import { isNotFound } from './errors';

describe('isNotFound', () => {
  it('accepts a NotFoundError', () => {
    expect(isNotFound(new NotFoundError('nope'))).toBe(true);
  });

  it('accepts a 404 ResponseError from a backend', async () => {
    const body = JSON.stringify({
      error: { name: 'NotFoundError', message: 'not found' },
      request: { method: 'GET', url: '/entity' },
      response: { statusCode: 404 },
    });
    const error = await ResponseError.fromResponse({
      ok: false,
      status: 404,
      statusText: 'Not Found',
      url: 'http://localhost/api/some-plugin/entity',
      headers: { get: () => 'application/json' } as any,
      text: async () => body,
    } as any);
    expect(isNotFound(error)).toBe(true);
  });

  it('rejects other errors', () => {
    expect(isNotFound(new Error('boom'))).toBe(false);
    expect(isNotFound(undefined)).toBe(false);
  });
});
