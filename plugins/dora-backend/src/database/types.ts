import { Change, Deployment, Incident } from '@internal/plugin-dora-common';

// The store's query and result shapes, apart from DoraStore.ts so that the operations it
// delegates to can name them without importing the store (DoraStore → operations only).

/** Per-kind counts of an ingestion. */
export interface EventCounts {
  deployments: number;
  changes: number;
  incidents: number;
}

/**
 * What an ingestion stored, what it completed (a known change or incident whose empty fields a
 * later record filled, e.g. an incident's resolution) and what it ignored as already known.
 */
export interface IngestResult {
  inserted: EventCounts;
  completed: Pick<EventCounts, 'changes' | 'incidents'>;
  duplicates: EventCounts;
}

/** The events behind one metrics request (see DoraStore.loadEvents). */
export interface LoadedEvents {
  deployments: Deployment[];
  changes: Change[];
  incidents: Incident[];
}

export interface LoadEventsQuery {
  /** Entities in scope (any reference form); undefined means every entity. */
  entityRefs?: Iterable<string>;
  /** Window start, epoch ms (inclusive). */
  from: number;
  /** Window end, epoch ms (exclusive). */
  to: number;
  /** Default `production`. */
  environment?: string;
}

export interface DeploymentQuery {
  entityRef?: string;
  environment?: string;
  /** Inclusive, epoch ms. */
  from?: number;
  /** Exclusive, epoch ms. */
  to?: number;
  limit: number;
}
