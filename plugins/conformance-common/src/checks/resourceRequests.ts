import { ConformanceCheck } from '../types';
import { evaluateResources } from './resources';
import { yaml } from './util';

/** Every container, init containers included, requests CPU and memory. */
export const resourceRequestsCheck: ConformanceCheck = {
  id: 'resource-requests',
  title: 'Containers request CPU and memory',
  shortTitle: 'Requests',
  severity: 'high',
  rationale:
    'The scheduler places pods by their requests. A container without them is treated as needing nothing, ' +
    'so it lands on already busy nodes, is first in line for eviction under memory pressure (BestEffort QoS), ' +
    'and makes cluster capacity planning guesswork. Init containers count too: the pod is scheduled on the ' +
    'larger of its init and regular containers, so an init container without requests hides real demand.',
  remediation:
    'Set resources.requests.cpu and resources.requests.memory on every container and init container, ' +
    'sized from observed usage (for example the p95 from the service dashboard).',
  remediationSnippet: yaml`
    spec:
      template:
        spec:
          containers:
            - name: app
              resources:
                requests:
                  cpu: 250m
                  memory: 256Mi
  `,
  evaluate: ctx => evaluateResources(ctx, 'requests'),
};
