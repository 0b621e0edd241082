export { UpgradeQuestions } from './UpgradeQuestions';
export type { UpgradeAnswers } from './UpgradeQuestions';
