import { InputError } from '@backstage/errors';
import { normalizeRef } from './entityRefs';

describe('normalizeRef', () => {
  it.each([
    ['payments', 'group', 'group:default/payments'],
    ['group:payments', 'component', 'group:default/payments'],
    ['component:team-a/svc', 'group', 'component:team-a/svc'],
    // Lower case, as the catalog compares refs.
    ['System:default/Shop', 'component', 'system:default/shop'],
  ])('%s (default kind %s) is %s', (input, kind, expected) => {
    expect(normalizeRef(input, 'owner', kind)).toBe(expected);
  });

  it.each(['', 'group:', 'x/'])(
    'refuses %j with a 400 naming the field',
    value => {
      expect(() => normalizeRef(value, 'owner', 'group')).toThrow(InputError);
      expect(() => normalizeRef(value, 'owner', 'group')).toThrow(
        /^owner: Entity reference/,
      );
    },
  );
});
