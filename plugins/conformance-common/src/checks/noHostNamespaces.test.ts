import { contextOf, goodPodSpec, workloadOf } from '../testUtils';
import { noHostNamespacesCheck } from './noHostNamespaces';

const evaluate = (podSpec: any, kind = 'Deployment') =>
  noHostNamespacesCheck.evaluate(contextOf(workloadOf(kind, { podSpec })));

describe('no-host-namespaces', () => {
  it.each([
    ['none set', {}, []],
    ['all false', { hostNetwork: false, hostPID: false, hostIPC: false }, []],
    ['hostNetwork', { hostNetwork: true }, ['hostNetwork']],
    ['hostPID', { hostPID: true }, ['hostPID']],
    ['hostIPC', { hostIPC: true }, ['hostIPC']],
    [
      'all three',
      { hostNetwork: true, hostPID: true, hostIPC: true },
      ['hostNetwork', 'hostPID', 'hostIPC'],
    ],
  ])('%s', (_name, fields, expected) => {
    const outcome = evaluate(goodPodSpec(fields));
    expect(outcome.verdict).toBe(expected.length ? 'fail' : 'pass');
    expect(outcome.findings.map(f => f.fieldPath)).toEqual(
      expected.map(f => `spec.template.spec.${f}`),
    );
    expect(outcome.findings.every(f => f.container === undefined)).toBe(true);
  });

  it.each([
    ['DaemonSet', 'spec.template.spec.hostNetwork'],
    ['CronJob', 'spec.jobTemplate.spec.template.spec.hostNetwork'],
    ['Pod', 'spec.hostNetwork'],
  ])('points into a %s at %s', (kind, path) => {
    expect(evaluate(goodPodSpec({ hostNetwork: true }), kind).findings).toEqual(
      [
        {
          fieldPath: path,
          message: "The pod shares the host's network namespace.",
        },
      ],
    );
  });
});
