export { DeployGate, GateVerdict } from './DeployGate';
