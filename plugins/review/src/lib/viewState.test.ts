import { parseViewState, serializeViewState } from './viewState';

describe('review view state', () => {
  it('reads month, scope and print from the URL and writes them back', () => {
    const params = new URLSearchParams(
      'month=2026-10&scope=group%3Adefault%2Fpayments&print=1',
    );
    const state = parseViewState(params);
    expect(state).toEqual({
      month: '2026-10',
      scope: 'group:default/payments',
      print: true,
    });
    expect(serializeViewState(state).toString()).toBe(params.toString());
  });

  it('falls back to the defaults and leaves them out of the URL', () => {
    const state = parseViewState(
      new URLSearchParams('month=2026-13&print=yes'),
    );
    expect(state).toEqual({
      month: undefined,
      scope: 'organization',
      print: false,
    });
    expect(serializeViewState(state).toString()).toBe('');
  });
});
