import {
  contextOf,
  goodContainer,
  goodInitContainer,
  workloadOf,
} from '../testUtils';
import { runAsNonRootCheck } from './runAsNonRoot';

const evaluate = (podSpec: any, kind = 'Deployment') =>
  runAsNonRootCheck.evaluate(contextOf(workloadOf(kind, { podSpec })));

/** A pod spec with one container, each level's securityContext given separately. */
const spec = (podSc: any, containerSc: any) => ({
  ...(podSc !== undefined && { securityContext: podSc }),
  containers: [goodContainer({ securityContext: containerSc })],
});

const CONTAINER = 'spec.template.spec.containers[0].securityContext';
const POD = 'spec.template.spec.securityContext';

describe('run-as-non-root', () => {
  it.each([
    // [name, pod securityContext, container securityContext, expected fieldPath or null for pass]
    ['nothing set', undefined, undefined, `${CONTAINER}.runAsNonRoot`],
    ['pod runAsNonRoot', { runAsNonRoot: true }, undefined, null],
    ['container runAsNonRoot', undefined, { runAsNonRoot: true }, null],
    [
      'container true overrides pod false',
      { runAsNonRoot: false },
      { runAsNonRoot: true },
      null,
    ],
    [
      'container false overrides pod true',
      { runAsNonRoot: true },
      { runAsNonRoot: false },
      `${CONTAINER}.runAsNonRoot`,
    ],
    [
      'pod false, container unset',
      { runAsNonRoot: false },
      {},
      `${POD}.runAsNonRoot`,
    ],
    [
      'pod runAsUser 1000 without runAsNonRoot',
      { runAsUser: 1000 },
      undefined,
      null,
    ],
    [
      'container runAsUser 1000 without runAsNonRoot',
      undefined,
      { runAsUser: 1000 },
      null,
    ],
    [
      'runAsNonRoot false but runAsUser 1000',
      undefined,
      { runAsNonRoot: false, runAsUser: 1000 },
      null,
    ],
    [
      'container runAsUser 0 overrides pod 1000',
      { runAsUser: 1000 },
      { runAsUser: 0 },
      `${CONTAINER}.runAsUser`,
    ],
    [
      'container runAsUser 1000 overrides pod 0',
      { runAsUser: 0 },
      { runAsUser: 1000 },
      null,
    ],
    [
      'pod runAsUser 0, container unset',
      { runAsUser: 0, runAsNonRoot: true },
      {},
      `${POD}.runAsUser`,
    ],
    [
      'runAsNonRoot true with runAsUser 0',
      undefined,
      { runAsNonRoot: true, runAsUser: 0 },
      `${CONTAINER}.runAsUser`,
    ],
    [
      'other fields only',
      { fsGroup: 2000 },
      { readOnlyRootFilesystem: true },
      `${CONTAINER}.runAsNonRoot`,
    ],
  ])('%s', (_name, podSc, containerSc, fieldPath) => {
    const outcome = evaluate(spec(podSc, containerSc));
    expect(outcome.verdict).toBe(fieldPath ? 'fail' : 'pass');
    expect(outcome.findings.map(f => f.fieldPath)).toEqual(
      fieldPath ? [fieldPath] : [],
    );
  });

  it('explains each way of failing', () => {
    const message = (podSc: any, containerSc: any) =>
      evaluate(spec(podSc, containerSc)).findings[0].message;
    expect(message(undefined, { runAsUser: 0 })).toBe(
      'Container "app" runs as root (runAsUser: 0).',
    );
    expect(message(undefined, { runAsNonRoot: false })).toBe(
      'Container "app" sets runAsNonRoot: false and no non-zero runAsUser.',
    );
    expect(message(undefined, {})).toBe(
      'Container "app" may run as root: neither runAsNonRoot nor a non-zero runAsUser is set.',
    );
  });

  it('fails naming only the root container, with the pod-level setting inherited by the other', () => {
    const podSpec = {
      securityContext: { runAsNonRoot: true },
      containers: [
        goodContainer({ securityContext: {} }),
        goodContainer({ name: 'legacy', securityContext: { runAsUser: 0 } }),
      ],
    };
    expect(evaluate(podSpec).findings).toEqual([
      {
        container: 'legacy',
        fieldPath: 'spec.template.spec.containers[1].securityContext.runAsUser',
        message: 'Container "legacy" runs as root (runAsUser: 0).',
      },
    ]);
  });

  it('applies to init containers', () => {
    const podSpec = {
      containers: [goodContainer()],
      initContainers: [
        goodInitContainer({ name: 'chown', securityContext: { runAsUser: 0 } }),
      ],
    };
    expect(
      evaluate(podSpec).findings.map(f => [f.container, f.fieldPath]),
    ).toEqual([
      [
        'chown',
        'spec.template.spec.initContainers[0].securityContext.runAsUser',
      ],
    ]);
  });

  it.each([
    ['CronJob', 'spec.jobTemplate.spec.template.spec'],
    ['Pod', 'spec'],
  ])('points a pod-level root user in a %s at %s', (kind, prefix) => {
    expect(
      evaluate(spec({ runAsUser: 0 }, {}), kind).findings[0].fieldPath,
    ).toBe(`${prefix}.securityContext.runAsUser`);
  });
});
