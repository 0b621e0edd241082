export { NotEvaluated } from './NotEvaluated';
