import type { FilterPredicate } from '@backstage/filter-predicates';

/** Points at the entity's SLO spec file(s); the backend reads SLOs from there. */
export const SLO_SPEC_ANNOTATION = 'portal.io/slo-spec';

/** Blueprint filter: only entities with an SLO spec get the tab and card. */
export const hasSloSpecFilter: FilterPredicate = {
  [`metadata.annotations.${SLO_SPEC_ANNOTATION}`]: { $exists: true },
};
