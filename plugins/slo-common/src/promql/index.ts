export {
  withWindow,
  windowedQueries,
  errorRatioQuery,
  counterSelectors,
} from './windowedQueries';
export type { WindowedQueries, CounterSelectors } from './windowedQueries';
export {
  RULE_WINDOWS,
  sloRuleGroups,
  prometheusRulesYaml,
} from './prometheusRules';
export type { RecordingRule, AlertingRule, RuleGroup } from './prometheusRules';
export { inspectPromql, promqlProblem } from './validatePromql';
export type { PromqlInspection } from './validatePromql';
