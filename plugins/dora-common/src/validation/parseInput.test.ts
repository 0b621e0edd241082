import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { parseInput } from './parseInput';

const item = z.strictObject({
  id: z.string().min(1).max(3),
  n: z.number().optional(),
  tags: z.array(z.string()).max(1).optional(),
  kind: z.enum(['a', 'b']).optional(),
  at: z.string().regex(/^\d+$/, 'must be digits').optional(),
});
const body = z.strictObject({ items: z.array(item) });

function messageOf(value: unknown, root?: string): string {
  try {
    parseInput(body, value, root);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('parseInput', () => {
  it('returns what the schema parses', () => {
    expect(parseInput(body, { items: [{ id: 'x' }] })).toEqual({
      items: [{ id: 'x' }],
    });
  });

  it.each([
    [null, 'body: must be an object'],
    [{}, 'items: must be an array'],
    [{ items: [1] }, 'items[0]: must be an object'],
    [{ items: [{}] }, 'items[0].id: must be a non-empty string'],
    [{ items: [{ id: '' }] }, 'items[0].id: must be a non-empty string'],
    [{ items: [{ id: 'long' }] }, 'items[0].id: must be at most 3 characters'],
    [{ items: [{ id: 'x', n: 'one' }] }, 'items[0].n: must be a number'],
    [
      { items: [{ id: 'x', tags: ['a', 'b'] }] },
      'items[0].tags: must have at most 1 entries',
    ],
    [{ items: [{ id: 'x', kind: 'c' }] }, 'items[0].kind: must be one of a, b'],
    [{ items: [{ id: 'x', at: 'noon' }] }, 'items[0].at: must be digits'],
    [{ items: [], extra: 1 }, 'body.extra: unknown field'],
  ])('words %j as %s', (value, message) => {
    expect(messageOf(value)).toBe(message);
  });

  it('names paths under the given root', () => {
    expect(messageOf({ items: [{ id: 'x', n: 'one' }] }, 'data')).toBe(
      'data.items[0].n: must be a number',
    );
    expect(messageOf(null, 'data')).toBe('data: must be an object');
  });

  it('names the first problem in document order', () => {
    expect(messageOf({ items: [{ id: 'x' }, { id: '' }, { id: 9 }] })).toBe(
      'items[1].id: must be a non-empty string',
    );
  });

  it('names an unknown field before the fields of its object', () => {
    // A typo: `ID` is unknown and, because of it, `id` is missing.
    expect(messageOf({ items: [{ ID: 'x' }] })).toBe(
      'items[0].ID: unknown field',
    );
    expect(messageOf({ items: [{ id: '' }], extra: 1 })).toBe(
      'body.extra: unknown field',
    );
    // Not before the problems of an earlier item.
    expect(messageOf({ items: [{ id: '' }, { ID: 'x' }] })).toBe(
      'items[0].id: must be a non-empty string',
    );
  });
});
