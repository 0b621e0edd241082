export { ScorecardClient } from './ScorecardClient';
export { scorecardApiRef } from './types';
export type {
  ScorecardApi,
  ScorecardFilter,
  CheckWithLevel,
  EntityScorecardResponse,
  RollupResponse,
  ScoreChange,
  Campaign,
  CampaignInput,
  CampaignResponse,
  CampaignSummary,
} from './types';
