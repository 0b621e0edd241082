import { ConformanceCheck } from '../types';
import { evaluateProbe } from './probes';
import { yaml } from './util';

/** Every long-running container can be restarted by Kubernetes when it hangs. */
export const livenessProbeCheck: ConformanceCheck = {
  id: 'liveness-probe',
  title: 'Containers have a liveness probe',
  shortTitle: 'Liveness',
  severity: 'medium',
  rationale:
    'A process that deadlocks or wedges its event loop keeps running, so Kubernetes sees nothing wrong and the ' +
    'pod silently stops doing its work until someone notices. A liveness probe lets the kubelet restart it. ' +
    'Keep it cheap and independent of downstream services, otherwise an outage elsewhere restarts every pod ' +
    'at once. Jobs and CronJobs are not checked.',
  remediation:
    'Add a livenessProbe to every container that checks only the process itself (not its dependencies), ' +
    'with a generous failureThreshold so slow moments do not cause restarts.',
  remediationSnippet: yaml`
    spec:
      template:
        spec:
          containers:
            - name: app
              livenessProbe:
                httpGet:
                  path: /healthz
                  port: http
                initialDelaySeconds: 10
                periodSeconds: 10
                failureThreshold: 6
  `,
  evaluate: ctx => evaluateProbe(ctx, 'livenessProbe'),
};
