import type { Tier } from '@internal/plugin-dora-common';

export const TIERS: readonly Tier[] = ['elite', 'high', 'medium', 'low'];

/**
 * Background and text colour per tier. Fixed colours rather than theme
 * palette entries, so a tier looks the same in light and dark themes and on
 * every page; text colours are picked for WCAG AA contrast on their background.
 */
export const TIER_COLORS: Record<Tier, { background: string; color: string }> =
  {
    elite: { background: '#1b5e20', color: '#ffffff' },
    high: { background: '#66bb6a', color: '#000000' },
    medium: { background: '#ffb300', color: '#000000' },
    low: { background: '#c62828', color: '#ffffff' },
  };

/** Rework rate has no published benchmark, so it gets a neutral chip, not "low". */
export const NO_TIER_COLORS = { background: '#e0e0e0', color: '#000000' };

export function isTier(value: unknown): value is Tier {
  return typeof value === 'string' && (TIERS as string[]).includes(value);
}

export function tierColors(tier: Tier | undefined | null) {
  return isTier(tier) ? TIER_COLORS[tier] : NO_TIER_COLORS;
}

export function tierLabel(tier: Tier | undefined | null): string {
  if (!isTier(tier)) return 'No tier';
  return tier.charAt(0).toUpperCase() + tier.slice(1);
}
