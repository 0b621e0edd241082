export { LevelChip } from './LevelChip';
