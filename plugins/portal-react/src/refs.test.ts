import { shortRef } from './refs';

describe('shortRef', () => {
  it.each([
    ['group:default/payments', 'group', 'payments'],
    ['group:payments', 'group', 'payments'],
    ['group:default/payments', 'system', 'group:payments'],
    ['system:platform/checkout', 'system', 'platform/checkout'],
    ['component:default/api', 'component', 'api'],
  ])('%s with default kind %s reads %s', (ref, defaultKind, expected) => {
    expect(shortRef(ref, defaultKind)).toBe(expected);
  });

  it('marks a missing ref with a dash', () => {
    expect(shortRef(undefined, 'group')).toBe('—');
    expect(shortRef('', 'group')).toBe('—');
  });

  it('keeps a ref it cannot parse', () => {
    expect(shortRef('group:', 'group')).toBe('group:');
  });
});
