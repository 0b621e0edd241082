/** What build-once-promote needs of a deployment (the DORA API's Deployment). @public */
export interface PromotionDeployment {
  id: string;
  environment: string;
  status: string;
  finishedAt: string;
  commitShas: string[];
}

/** @public */
export interface PromotionResult {
  /** Successful production deployments looked at. */
  production: number;
  /** Those whose every SHA ran successfully in staging no later than it finished. */
  promoted: number;
  /** The others, newest first, with the SHAs staging never had before them. */
  notPromoted: { id: string; finishedAt: string; shas: string[] }[];
}

/**
 * Build once, promote: each successful production deployment's SHAs must have been deployed
 * successfully to staging first (finished at or before the production deployment). A production
 * deployment that names no SHA cannot be shown to be promoted, so it counts against.
 *
 * @public
 */
export function checkPromotion(
  deployments: readonly PromotionDeployment[],
  options: { production?: string; staging?: string } = {},
): PromotionResult {
  const production = options.production ?? 'production';
  const staging = options.staging ?? 'staging';
  // Earliest successful staging finish per SHA.
  const firstInStaging = new Map<string, number>();
  for (const d of deployments) {
    if (d.environment !== staging || d.status !== 'success') continue;
    const t = Date.parse(d.finishedAt);
    for (const sha of d.commitShas) {
      const key = sha.toLowerCase();
      const seen = firstInStaging.get(key);
      if (seen === undefined || t < seen) firstInStaging.set(key, t);
    }
  }
  const prod = deployments
    .filter(d => d.environment === production && d.status === 'success')
    .sort(
      (a, b) =>
        Date.parse(b.finishedAt) - Date.parse(a.finishedAt) ||
        a.id.localeCompare(b.id),
    );
  const notPromoted: PromotionResult['notPromoted'] = [];
  for (const d of prod) {
    const t = Date.parse(d.finishedAt);
    const missing = d.commitShas.filter(sha => {
      const s = firstInStaging.get(sha.toLowerCase());
      return s === undefined || s > t;
    });
    if (d.commitShas.length === 0 || missing.length > 0) {
      notPromoted.push({ id: d.id, finishedAt: d.finishedAt, shas: missing });
    }
  }
  return {
    production: prod.length,
    promoted: prod.length - notPromoted.length,
    notPromoted,
  };
}
