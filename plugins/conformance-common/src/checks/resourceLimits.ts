import { ConformanceCheck } from '../types';
import { evaluateResources } from './resources';
import { yaml } from './util';

/** Every container, init containers included, limits CPU and memory. */
export const resourceLimitsCheck: ConformanceCheck = {
  id: 'resource-limits',
  title: 'Containers limit CPU and memory',
  shortTitle: 'Limits',
  severity: 'high',
  rationale:
    'Without limits one misbehaving container can take a whole node: a memory leak pushes neighbours into ' +
    'eviction or the kernel OOM killer, and a busy loop starves their CPU. Limits bound the blast radius to the ' +
    'container itself, which is then OOM-killed or throttled and shows up on its own dashboards instead of ' +
    "someone else's. Init containers run on the same node and are bounded the same way.",
  remediation:
    'Set resources.limits.cpu and resources.limits.memory on every container and init container; ' +
    'keep the memory limit equal to the request unless you have a measured reason to burst.',
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
                limits:
                  cpu: "1"
                  memory: 256Mi
  `,
  evaluate: ctx => evaluateResources(ctx, 'limits'),
};
