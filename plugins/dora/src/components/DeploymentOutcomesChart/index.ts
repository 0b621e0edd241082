export { DeploymentOutcomesChart } from './DeploymentOutcomesChart';
