import { PromotionDeployment } from '@internal/plugin-scorecard-common';

/** A deployment as `GET /api/dora/deployments` lists it, with the fields the checks read. */
export interface ListedDeployment extends PromotionDeployment {
  entityRef: string;
  source?: string;
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
 * Whether the DORA API's 30-day lead-time coverage can be non-zero: it counts successful
 * production deployments in the window, so an entity without one in the last 31 days (a day of
 * margin for the window's edges) has `{ deployments: 0, ancestryKnown: 0 }` without asking.
 */
export function mayHaveCoverage(
  deployments: readonly PromotionDeployment[],
  now: Date,
): boolean {
  const since = now.getTime() - 31 * DAY_MS;
  return deployments.some(
    d => isProductionSuccess(d) && Date.parse(d.finishedAt) >= since,
  );
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
  byEntity(): Map<string, PromotionDeployment[]> {
    const out = new Map<string, PromotionDeployment[]>();
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
      });
      out.set(entityRef, list);
    }
    return out;
  }
}
