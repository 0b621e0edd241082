export { GroupDoraCard } from './GroupDoraCard';
