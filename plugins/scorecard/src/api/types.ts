import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  CheckDefinition,
  EntityScorecard,
  LevelId,
} from '@internal/plugin-scorecard-common';

/** A check with the level it belongs to. @public */
export type CheckWithLevel = CheckDefinition & { level?: LevelId };

/** @public */
export interface EntityScorecardResponse {
  scorecard: EntityScorecard;
  trend: { day: string; level: LevelId | null; score: number | null }[];
  nextLevel?: { level: LevelId; checkIds: string[] };
}

/** @public */
export interface ScorecardFilter {
  owner?: string;
  system?: string;
  level?: 'none' | LevelId;
}

/** @public */
export interface ScorecardApi {
  getChecks(): Promise<CheckWithLevel[]>;
  /** Undefined when the entity has not been evaluated yet. */
  getEntity(entityRef: string): Promise<EntityScorecardResponse | undefined>;
  listEntities(filter?: ScorecardFilter): Promise<EntityScorecard[]>;
}

/** @public */
export const scorecardApiRef = createApiRef<ScorecardApi>({
  id: 'plugin.scorecard.api',
});
