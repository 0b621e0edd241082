import {
  NO_TIER_COLORS,
  TIERS,
  TIER_COLORS,
  isTier,
  tierColors,
  tierLabel,
} from './tiers';

describe('tiers', () => {
  it.each([
    ['elite', 'Elite', TIER_COLORS.elite],
    ['high', 'High', TIER_COLORS.high],
    ['medium', 'Medium', TIER_COLORS.medium],
    ['low', 'Low', TIER_COLORS.low],
    [undefined, 'No tier', NO_TIER_COLORS],
    ['excellent', 'No tier', NO_TIER_COLORS],
  ] as const)('%p → %s', (tier, label, colors) => {
    expect(tierLabel(tier as any)).toBe(label);
    expect(tierColors(tier as any)).toEqual(colors);
    expect(isTier(tier)).toBe(label !== 'No tier');
  });

  it('gives every tier its own colour', () => {
    const backgrounds = new Set(TIERS.map(t => TIER_COLORS[t].background));
    expect(backgrounds.size).toBe(TIERS.length);
    expect(backgrounds.has(NO_TIER_COLORS.background)).toBe(false);
  });
});
