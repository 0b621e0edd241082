export { TierBadge } from './TierBadge';
