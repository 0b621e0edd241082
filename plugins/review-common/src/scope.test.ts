import { parseScope, stringifyScope } from './scope';

describe('parseScope', () => {
  it.each([
    [undefined, 'organization'],
    ['', 'organization'],
    ['organisation', 'organization'],
    ['group:default/payments', 'group:default/payments'],
    ['Group:Default/Payments', 'group:default/payments'],
    ['payments', 'group:default/payments'],
    ['system:default/shop', 'system:default/shop'],
    ['system:shop', 'system:default/shop'],
  ])('%j is %s', (value, canonical) => {
    expect(stringifyScope(parseScope(value))).toBe(canonical);
  });

  it.each(['component:default/a', 'group:', 'a b', 'group:default/a/b'])(
    'refuses %j naming the field',
    bad => {
      expect(() => parseScope(bad)).toThrow(/^scope: expected/);
    },
  );
});
