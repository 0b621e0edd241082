import { CheckResult } from '@internal/plugin-scorecard-common';
import { Exemption } from '../database/ScorecardStore';

const STATE_WORD: Record<string, string> = {
  pass: 'passing',
  fail: 'failing',
  pending: 'not judged yet',
  exempt: 'exempt',
};

/**
 * Turns each result covered by an exemption in force (not revoked, expiry in the future) into
 * `exempt` with the exemption's reason. A not-applicable result stays as it is: there was
 * nothing to exempt. An expired exemption does nothing, so the check fails again by itself.
 */
export function applyExemptions(
  results: CheckResult[],
  exemptions: readonly Exemption[],
  now: Date,
): CheckResult[] {
  const inForce = new Map<string, Exemption>();
  for (const e of exemptions) {
    if (e.revokedAt || Date.parse(e.expiresAt) <= now.getTime()) continue;
    const current = inForce.get(e.checkId);
    // Of two in force, the one lasting longer is shown.
    if (!current || current.expiresAt < e.expiresAt) inForce.set(e.checkId, e);
  }
  return results.map(r => {
    const e = inForce.get(r.checkId);
    if (!e || r.state === 'not-applicable') return r;
    return {
      ...r,
      state: 'exempt',
      message: `${STATE_WORD[r.state]}, exempt until ${e.expiresAt.slice(
        0,
        10,
      )}: ${e.reason}`,
      exemption: {
        reason: e.reason,
        expiresAt: e.expiresAt,
        createdBy: e.createdBy,
      },
    };
  });
}
