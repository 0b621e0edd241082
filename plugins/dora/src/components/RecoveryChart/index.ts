export { RecoveryChart } from './RecoveryChart';
