import type { FilterPredicate } from '@backstage/filter-predicates';

export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';

/**
 * Blueprint filter for entities the backend can evaluate: the same
 * annotations the Kubernetes plugin uses to find an entity's workloads.
 */
export const hasKubernetesAnnotationFilter: FilterPredicate = {
  $any: [
    {
      [`metadata.annotations.${KUBERNETES_ID_ANNOTATION}`]: { $exists: true },
    },
    {
      [`metadata.annotations.${KUBERNETES_LABEL_SELECTOR_ANNOTATION}`]: {
        $exists: true,
      },
    },
  ],
};
