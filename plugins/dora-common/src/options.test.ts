import { InputError } from '@backstage/errors';
import { DoraOptions, resolveOptions } from './options';

describe('resolveOptions', () => {
  it('applies the documented defaults', () => {
    expect(resolveOptions()).toEqual({
      environment: 'production',
      entityRefs: undefined,
      bucket: 'week',
      timeZone: 'UTC',
      benchmarkYear: 2023,
      timeWindowHours: 24,
      includeInferredLinks: true,
    });
  });

  it('canonicalises environment and entity refs', () => {
    const resolved = resolveOptions({
      environment: 'Production',
      entityRefs: new Set(['svc', 'Group:default/Team']),
    });
    expect(resolved.environment).toBe('production');
    expect([...resolved.entityRefs!]).toEqual([
      'component:default/svc',
      'group:default/team',
    ]);
  });

  it.each<[DoraOptions, string]>([
    [{ bucket: 'year' as any }, 'bucket: must be one of day, week, month'],
    [
      { timeZone: 'Nowhere/City' },
      "timeZone: unknown time zone 'Nowhere/City'",
    ],
    [
      { benchmarkYear: 2021 as any },
      'benchmarkYear: must be one of 2023, 2024',
    ],
  ])('rejects %o', (options, message) => {
    expect(() => resolveOptions(options)).toThrow(new InputError(message));
  });
});
