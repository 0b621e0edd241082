/**
 * Definition of Done scorecards: the check model, levels, score and roll-up math as pure
 * functions, shared by the scorecard backend and frontend.
 *
 * @packageDocumentation
 */
export type {
  CheckState,
  CheckSource,
  CheckDefinition,
  CheckResult,
  LevelId,
  LevelDefinitions,
  EntityScorecard,
} from './types';
export { CHECK_STATES, LEVEL_ORDER } from './types';
export { scorecardChecks, findCheck } from './checks';
export {
  DEFAULT_LEVELS,
  levelOf,
  blockersOfNextLevel,
  scorecardScore,
  validateLevels,
} from './levels';
export type { RollupInput, Rollup } from './rollup';
export { rollUp, groupWithDescendants, scoreChanges } from './rollup';
export type {
  CampaignDefinition,
  CampaignScope,
  CampaignEntityDay,
} from './campaigns';
export {
  campaignBurnUp,
  checksLeft,
  inCampaignScope,
  daysBetween,
} from './campaigns';
export type { PromotionDeployment, PromotionResult } from './promotion';
export { checkPromotion } from './promotion';
export {
  scorecardResultsCreatePermission,
  scorecardExemptionManagePermission,
  scorecardEvaluatePermission,
  scorecardCampaignManagePermission,
  scorecardPermissions,
} from './permissions';
export {
  checkRegressions,
  campaignReminderDue,
  campaignOwnersLeft,
  CAMPAIGN_REMINDER_DAYS,
} from './notifications';
