export { useCoverage } from './useCoverage';
export { useDeployments } from './useDeployments';
export { useMetrics } from './useMetrics';
export { useTeamMetrics } from './useTeamMetrics';
