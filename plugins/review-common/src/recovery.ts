import { Contributor, EvidenceDeployment } from './bottlenecks';
import { MonthRange } from './month';

/**
 * A failed deployment and how long its service stayed degraded.
 *
 * @public
 */
export interface RecoveryContributor extends Contributor {
  /** The failed deployment, then the deployment that restored the service. */
  evidence: EvidenceDeployment[];
}

/**
 * The three failed deployments of the month that took longest to restore, longest first.
 *
 * A deployment failed when the dora backend gives it failure reasons; it is restored by the next
 * successful deployment of the same service and environment (dora's rule, minus incident
 * resolutions, which its deployment list does not carry). Failed deployments not restored yet
 * take no place, as in dora's median. `share` is of the summed recovery times of the month's
 * restored deployments; ties keep the older deployment first.
 *
 * @param deployments - the month's deployments and those after it, in any order
 * @public
 */
export function rankRecoveries(
  deployments: readonly EvidenceDeployment[],
  range: MonthRange,
  limit = 3,
): RecoveryContributor[] {
  const timed = deployments
    .filter(d => d.finishedAt !== undefined)
    .map(d => ({ d, t: Date.parse(d.finishedAt!) }))
    .sort((a, b) => a.t - b.t || a.d.id.localeCompare(b.d.id));
  const restored: (RecoveryContributor & { t: number })[] = [];
  timed.forEach(({ d, t }, index) => {
    if (t < range.start || t >= range.end) return;
    if ((d.failureReasons?.length ?? 0) === 0) return;
    const next = timed
      .slice(index + 1)
      .find(
        n =>
          n.t >= t &&
          n.d.status === 'success' &&
          n.d.entityRef === d.entityRef &&
          n.d.environment === d.environment,
      );
    if (!next) return;
    restored.push({
      id: d.id,
      value: next.t - t,
      share: 0,
      count: 1,
      evidence: [d, next.d],
      t,
    });
  });
  const total = restored.reduce((sum, r) => sum + r.value, 0);
  return restored
    .sort((a, b) => b.value - a.value || a.t - b.t)
    .slice(0, limit)
    .map(({ t: _t, ...r }) => ({
      ...r,
      share: total > 0 ? r.value / total : 0,
    }));
}

/**
 * The pull requests and commits behind a month's lead time.
 *
 * @public
 */
export interface LeadTimeChanges {
  /** Successful deployments of the month that delivered commits. */
  deployments: number;
  /** Pull request ids, as the deployments name them, sorted; at most `limit`. */
  pullRequests: string[];
  /** Commit SHAs, sorted; at most `limit`. */
  commits: string[];
  /** Whether either list was cut at `limit`. */
  truncated: boolean;
}

/**
 * The PRs and commits the month's lead time rests on: those of the month's successful
 * deployments (lead time is measured from a commit to the deployment that delivered it).
 *
 * @public
 */
export function leadTimeChanges(
  deployments: readonly EvidenceDeployment[],
  range: MonthRange,
  limit = 200,
): LeadTimeChanges {
  const delivering = deployments.filter(d => {
    const t = d.finishedAt ? Date.parse(d.finishedAt) : NaN;
    return (
      d.status === 'success' &&
      t >= range.start &&
      t < range.end &&
      (d.commitShas?.length ?? 0) > 0
    );
  });
  const prs = [...new Set(delivering.flatMap(d => d.changeIds ?? []))].sort();
  const commits = [
    ...new Set(delivering.flatMap(d => d.commitShas ?? [])),
  ].sort();
  return {
    deployments: delivering.length,
    pullRequests: prs.slice(0, limit),
    commits: commits.slice(0, limit),
    truncated: prs.length > limit || commits.length > limit,
  };
}
