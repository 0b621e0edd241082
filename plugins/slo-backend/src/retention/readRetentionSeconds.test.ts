import { mockServices } from '@backstage/backend-test-utils';
import { readRetentionSeconds } from './readRetentionSeconds';

const read = (rollups?: string) =>
  readRetentionSeconds(
    mockServices.rootConfig({
      data: rollups === undefined ? {} : { slo: { retention: { rollups } } },
    }),
  );

describe('readRetentionSeconds', () => {
  it('defaults to 400 days and reads a duration', () => {
    expect(read()).toBe(400 * 86400);
    expect(read('90d')).toBe(90 * 86400);
  });

  it.each(['soon', '12h'])('refuses %p, naming the key', value => {
    expect(() => read(value)).toThrow(/^slo\.retention\.rollups: /);
  });
});
