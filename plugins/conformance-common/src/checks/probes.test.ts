import {
  contextOf,
  goodContainer,
  goodInitContainer,
  goodPodSpec,
  workloadOf,
} from '../testUtils';
import { livenessProbeCheck } from './livenessProbe';
import { readinessProbeCheck } from './readinessProbe';

// The two checks share one implementation, so they share one table.
describe.each([
  ['readiness-probe', readinessProbeCheck, 'readinessProbe'],
  ['liveness-probe', livenessProbeCheck, 'livenessProbe'],
] as const)('%s', (id, check, probe) => {
  const evaluate = (podSpec: any, kind = 'Deployment') =>
    check.evaluate(contextOf(workloadOf(kind, { podSpec })));
  const withProbe = (value: any) =>
    goodPodSpec({ containers: [goodContainer({ [probe]: value })] });

  it('has the expected id and severity', () => {
    expect(check.id).toBe(id);
    expect(check.severity).toBe(probe === 'readinessProbe' ? 'high' : 'medium');
  });

  it.each([
    ['httpGet', { httpGet: { path: '/ready', port: 8080 } }, 'pass'],
    ['tcpSocket', { tcpSocket: { port: 5432 } }, 'pass'],
    ['exec', { exec: { command: ['pg_isready'] } }, 'pass'],
    ['grpc', { grpc: { port: 9090 } }, 'pass'],
    ['no handler', { periodSeconds: 10, failureThreshold: 3 }, 'fail'],
    ['an empty probe', {}, 'fail'],
    ['a null handler', { httpGet: null }, 'fail'],
    ['no probe', undefined, 'fail'],
  ])('a probe with %s → %s', (_name, value, verdict) => {
    expect(evaluate(withProbe(value)).verdict).toBe(verdict);
  });

  it('tells a missing probe from one without a handler', () => {
    expect(evaluate(withProbe(undefined)).findings[0].message).toBe(
      `Container "app" has no ${probe}.`,
    );
    expect(
      evaluate(withProbe({ initialDelaySeconds: 5 })).findings[0].message,
    ).toBe(
      `Container "app" has a ${probe} without a handler (httpGet, tcpSocket, exec or grpc).`,
    );
  });

  it('fails naming only the container without a probe', () => {
    const podSpec = goodPodSpec({
      containers: [
        goodContainer(),
        goodContainer({ name: 'worker', [probe]: undefined }),
      ],
    });
    expect(evaluate(podSpec)).toEqual({
      verdict: 'fail',
      findings: [
        {
          container: 'worker',
          fieldPath: `spec.template.spec.containers[1].${probe}`,
          message: `Container "worker" has no ${probe}.`,
        },
      ],
    });
  });

  it('does not require probes on init containers', () => {
    expect(
      evaluate(goodPodSpec({ initContainers: [goodInitContainer()] })).verdict,
    ).toBe('pass');
  });

  it.each([
    ['Job', 'not-applicable'],
    ['CronJob', 'not-applicable'],
    ['Deployment', 'fail'],
    ['StatefulSet', 'fail'],
    ['DaemonSet', 'fail'],
    ['ReplicaSet', 'fail'],
    ['Pod', 'fail'],
  ])('on a %s without probes → %s', (kind, verdict) => {
    expect(evaluate(withProbe(undefined), kind).verdict).toBe(verdict);
  });

  it.each([
    ['StatefulSet', 'spec.template.spec'],
    ['Pod', 'spec'],
  ])('points into a %s at %s', (kind, prefix) => {
    expect(evaluate(withProbe(undefined), kind).findings[0].fieldPath).toBe(
      `${prefix}.containers[0].${probe}`,
    );
  });
});
