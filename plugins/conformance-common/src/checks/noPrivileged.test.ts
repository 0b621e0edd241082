import {
  contextOf,
  goodContainer,
  goodInitContainer,
  goodPodSpec,
  workloadOf,
} from '../testUtils';
import { noPrivilegedCheck } from './noPrivileged';

const evaluate = (podSpec: any, kind = 'Deployment') =>
  noPrivilegedCheck.evaluate(contextOf(workloadOf(kind, { podSpec })));

const withSc = (securityContext: any) =>
  goodPodSpec({ containers: [goodContainer({ securityContext })] });

describe('no-privileged', () => {
  it.each([
    ['no securityContext', withSc(undefined), []],
    ['privileged: false', withSc({ privileged: false }), []],
    ['allowPrivilegeEscalation unset', withSc({ runAsNonRoot: true }), []],
    [
      'privileged: true',
      withSc({ privileged: true }),
      ['securityContext.privileged'],
    ],
    [
      'allowPrivilegeEscalation: true',
      withSc({ allowPrivilegeEscalation: true }),
      ['securityContext.allowPrivilegeEscalation'],
    ],
    [
      'both',
      withSc({ privileged: true, allowPrivilegeEscalation: true }),
      [
        'securityContext.privileged',
        'securityContext.allowPrivilegeEscalation',
      ],
    ],
  ])('%s', (_name, podSpec, fields) => {
    const outcome = evaluate(podSpec);
    expect(outcome.verdict).toBe(fields.length ? 'fail' : 'pass');
    expect(outcome.findings.map(f => f.fieldPath)).toEqual(
      fields.map(f => `spec.template.spec.containers[0].${f}`),
    );
  });

  it('names the privileged container among good ones', () => {
    const podSpec = goodPodSpec({
      containers: [
        goodContainer(),
        goodContainer({ name: 'debug', securityContext: { privileged: true } }),
      ],
    });
    expect(evaluate(podSpec).findings).toEqual([
      {
        container: 'debug',
        fieldPath:
          'spec.template.spec.containers[1].securityContext.privileged',
        message: 'Container "debug" runs privileged.',
      },
    ]);
  });

  it('applies to init containers', () => {
    const podSpec = goodPodSpec({
      initContainers: [
        goodInitContainer({
          name: 'sysctl',
          securityContext: { privileged: true },
        }),
      ],
    });
    expect(evaluate(podSpec, 'DaemonSet').findings).toEqual([
      {
        container: 'sysctl',
        fieldPath:
          'spec.template.spec.initContainers[0].securityContext.privileged',
        message: 'Init container "sysctl" runs privileged.',
      },
    ]);
  });

  it.each([
    ['Job', 'spec.template.spec'],
    ['CronJob', 'spec.jobTemplate.spec.template.spec'],
    ['Pod', 'spec'],
  ])('points into a %s at %s', (kind, prefix) => {
    expect(
      evaluate(withSc({ privileged: true }), kind).findings[0].fieldPath,
    ).toBe(`${prefix}.containers[0].securityContext.privileged`);
  });
});
