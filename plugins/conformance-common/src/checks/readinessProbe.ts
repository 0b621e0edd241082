import { ConformanceCheck } from '../types';
import { evaluateProbe } from './probes';
import { yaml } from './util';

/** Every long-running container tells Kubernetes when it can take traffic. */
export const readinessProbeCheck: ConformanceCheck = {
  id: 'readiness-probe',
  title: 'Containers have a readiness probe',
  shortTitle: 'Readiness',
  severity: 'high',
  rationale:
    'Without a readiness probe a pod receives traffic the moment its process starts, before caches are warm or ' +
    'connections are open, and keeps receiving it while a dependency is down. Rollouts then proceed on pods ' +
    'that cannot serve, turning a bad release into an outage instead of a stalled rollout. Jobs and CronJobs ' +
    'serve no traffic, so the check does not apply to them.',
  remediation:
    'Add a readinessProbe to every container that checks the service can actually answer requests, ' +
    'typically an HTTP endpoint such as /ready on the serving port.',
  remediationSnippet: yaml`
    spec:
      template:
        spec:
          containers:
            - name: app
              readinessProbe:
                httpGet:
                  path: /ready
                  port: http
                periodSeconds: 10
                failureThreshold: 3
  `,
  evaluate: ctx => evaluateProbe(ctx, 'readinessProbe'),
};
