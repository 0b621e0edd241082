import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  CheckDefinition,
  EntityScorecard,
  LevelId,
  Rollup,
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

/** A roll-up over a team (with sub-teams), system or domain. @public */
export interface RollupResponse {
  scope: { kind: string; ref?: string };
  rollup: Rollup;
  entities: {
    entityRef: string;
    title?: string;
    owner?: string;
    level: LevelId | null;
    score: number | null;
  }[];
  changes: {
    since: string;
    mostImproved: ScoreChange[];
    worstDrops: ScoreChange[];
  };
}

/** @public */
export interface ScoreChange {
  entityRef: string;
  from: number;
  to: number;
  change: number;
}

/** A campaign with how many entities in scope pass it now. @public */
export interface CampaignSummary {
  campaign: Campaign;
  passing: number;
  total: number;
}

/** @public */
export interface Campaign {
  id: number;
  title: string;
  checkIds: string[];
  deadline: string;
  scope: { owner?: string; system?: string; tag?: string };
  createdBy: string;
  createdAt: string;
}

/** What an admin gives to create a campaign (`POST /campaigns`). @public */
export interface CampaignInput {
  title: string;
  checkIds: string[];
  /** YYYY-MM-DD (UTC), the campaign's last day. */
  deadline: string;
  scope?: { owner?: string; system?: string; tag?: string };
}

/** @public */
export interface CampaignResponse {
  campaign: Campaign;
  burnUp: { day: string; passing: number; total: number }[];
  entitiesLeft: {
    entityRef: string;
    title?: string;
    owner?: string;
    checkIds: string[];
  }[];
}

/** @public */
export interface ScorecardApi {
  listCampaigns(): Promise<CampaignSummary[]>;
  getCampaign(id: number): Promise<CampaignResponse>;
  /** Admins only (scorecard.campaign.manage); bad input is a ResponseError naming the field. */
  createCampaign(input: CampaignInput): Promise<Campaign>;
  getRollup(scope: {
    group?: string;
    system?: string;
  }): Promise<RollupResponse>;
  getChecks(): Promise<CheckWithLevel[]>;
  /** How often entities are evaluated, in words ("every 2 minutes"), as configured. */
  getSchedule(): Promise<string>;
  /** Undefined when the entity has not been evaluated yet. */
  getEntity(entityRef: string): Promise<EntityScorecardResponse | undefined>;
  listEntities(filter?: ScorecardFilter): Promise<EntityScorecard[]>;
}

/** @public */
export const scorecardApiRef = createApiRef<ScorecardApi>({
  id: 'plugin.scorecard.api',
});
