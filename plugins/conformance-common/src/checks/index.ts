import { ConformanceCheck } from '../types';
import { defaultDenyNetworkPolicyCheck } from './defaultDenyNetworkPolicy';
import { horizontalPodAutoscalerCheck } from './horizontalPodAutoscaler';
import { livenessProbeCheck } from './livenessProbe';
import { noHostNamespacesCheck } from './noHostNamespaces';
import { noPrivilegedCheck } from './noPrivileged';
import { noSecretLiteralsCheck } from './noSecretLiterals';
import { pinnedImageCheck } from './pinnedImage';
import { podDisruptionBudgetCheck } from './podDisruptionBudget';
import { readinessProbeCheck } from './readinessProbe';
import { resourceLimitsCheck } from './resourceLimits';
import { resourceRequestsCheck } from './resourceRequests';
import { runAsNonRootCheck } from './runAsNonRoot';
import { standardLabelsCheck } from './standardLabels';

/**
 * All built-in checks, in display order.
 *
 * @public
 */
export const conformanceChecks: ConformanceCheck[] = [
  resourceRequestsCheck,
  resourceLimitsCheck,
  readinessProbeCheck,
  livenessProbeCheck,
  podDisruptionBudgetCheck,
  horizontalPodAutoscalerCheck,
  noPrivilegedCheck,
  noHostNamespacesCheck,
  runAsNonRootCheck,
  pinnedImageCheck,
  noSecretLiteralsCheck,
  defaultDenyNetworkPolicyCheck,
  standardLabelsCheck,
];
