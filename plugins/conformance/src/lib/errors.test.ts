import { NotFoundError, ResponseError } from '@backstage/errors';
import { isNotEvaluated } from './errors';

describe('isNotEvaluated', () => {
  it('accepts a NotFoundError', () => {
    expect(isNotEvaluated(new NotFoundError('nope'))).toBe(true);
  });

  it('accepts a 404 ResponseError from the backend', async () => {
    const body = JSON.stringify({
      error: { name: 'NotFoundError', message: 'not evaluated' },
      request: { method: 'GET', url: '/entity' },
      response: { statusCode: 404 },
    });
    const error = await ResponseError.fromResponse({
      ok: false,
      status: 404,
      statusText: 'Not Found',
      url: 'http://localhost/api/conformance/entity',
      headers: { get: () => 'application/json' } as any,
      text: async () => body,
    } as any);
    expect(isNotEvaluated(error)).toBe(true);
  });

  it('rejects other errors', () => {
    expect(isNotEvaluated(new Error('boom'))).toBe(false);
    expect(isNotEvaluated(undefined)).toBe(false);
  });
});
