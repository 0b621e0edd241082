export { useEntitySlos } from './useEntitySlos';
export type { EntitySlosState } from './useEntitySlos';
export { useGate } from './useGate';
export { useSlo } from './useSlo';
export { useSloDetailLink, useSloListLink } from './useSloLinks';
export { useSlos } from './useSlos';
export { useEntityLink } from './useEntityLink';
export { useSloMonth } from './useSloMonth';
