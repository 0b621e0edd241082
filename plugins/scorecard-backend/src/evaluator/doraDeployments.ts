import { PromotionDeployment } from '@internal/plugin-scorecard-common';

/** A deployment as `GET /api/dora/deployments` lists it, with the fields the checks read. */
export interface ListedDeployment extends KnownDeployment {
  entityRef: string;
  source?: string;
}

/** A deployment with what the DORA API derived of it: known ancestry, for the coverage. */
export interface KnownDeployment extends PromotionDeployment {
  /** Absent while the DORA backend has not derived the deployment's facts. */
  ancestryKnown?: boolean;
}

// Deployment ids are unique per source and entity, not across entities.
const keyOf = (d: ListedDeployment) =>
  JSON.stringify([d.source ?? '', d.entityRef, d.id]);

const DAY_MS = 86_400_000;

function isProductionSuccess(d: PromotionDeployment): boolean {
  return d.environment.toLowerCase() === 'production' && d.status === 'success';
}

/** Successful production deployments finished in the 30 days before `now`. */
export function productionDeployments30d(
  deployments: readonly PromotionDeployment[],
  now: Date,
): number {
  const since = now.getTime() - 30 * DAY_MS;
  return deployments.filter(
    d => isProductionSuccess(d) && Date.parse(d.finishedAt) >= since,
  ).length;
}

/**
 * The DORA API's 30-day lead-time coverage (successful production deployments in the window,
 * and those whose every commit a source reported), counted from the listed deployments' own
 * `ancestryKnown`, which is the facts row the API's figure sums. Undefined when a deployment in
 * the window has no facts yet: then the API is asked.
 */
export function coverageOf(
  deployments: readonly KnownDeployment[],
  now: Date,
): { deployments: number; ancestryKnown: number } | undefined {
  const since = now.getTime() - 30 * DAY_MS;
  const inWindow = deployments.filter(d => {
    const t = Date.parse(d.finishedAt);
    return isProductionSuccess(d) && t >= since && t < now.getTime();
  });
  if (inWindow.some(d => d.ancestryKnown === undefined)) return undefined;
  return {
    deployments: inWindow.length,
    ancestryKnown: inWindow.filter(d => d.ancestryKnown).length,
  };
}

/**
 * Pages of the DORA API's deployment list (newest first, `to` exclusive) gathered into each
 * entity's deployments. Each next page ends just after the oldest finish seen (`to` = that
 * time + 1 ms), so deployments sharing that millisecond come again and are kept once (by
 * source, entity and id, which is what makes a deployment one).
 */
export class DeploymentPages {
  private readonly byId = new Map<string, ListedDeployment>();
  private oldest = Infinity;

  /**
   * Adds a page of `limit`; answers the next page's `to`, `'done'` after the last page, or
   * `'stuck'` when a full page brought nothing new (more than `limit` deployments finished in
   * one millisecond), where paging by time cannot go on.
   */
  add(items: ListedDeployment[], limit: number): string | 'done' | 'stuck' {
    let added = 0;
    for (const d of items) {
      const key = keyOf(d);
      if (this.byId.has(key)) continue;
      this.byId.set(key, d);
      added++;
      this.oldest = Math.min(this.oldest, Date.parse(d.finishedAt));
    }
    if (items.length < limit) return 'done';
    if (added === 0) return 'stuck';
    return new Date(this.oldest + 1).toISOString();
  }

  get size(): number {
    return this.byId.size;
  }

  /** Each entity's deployments, newest first. */
  byEntity(): Map<string, KnownDeployment[]> {
    const out = new Map<string, KnownDeployment[]>();
    const newestFirst = [...this.byId.values()].sort(
      (a, b) => Date.parse(b.finishedAt) - Date.parse(a.finishedAt),
    );
    for (const d of newestFirst) {
      const entityRef = d.entityRef;
      const list = out.get(entityRef) ?? [];
      list.push({
        id: d.id,
        environment: d.environment,
        status: d.status,
        finishedAt: d.finishedAt,
        commitShas: d.commitShas,
        ...(d.ancestryKnown !== undefined && {
          ancestryKnown: d.ancestryKnown,
        }),
      });
      out.set(entityRef, list);
    }
    return out;
  }
}
