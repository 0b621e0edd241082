export { useCoverage } from './useCoverage';
export { useDeployments } from './useDeployments';
export { useMetrics } from './useMetrics';
export { useTeams } from './useTeams';
export type { Team } from './useTeams';
