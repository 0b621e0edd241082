import { conformanceChecks } from './checks';
import {
  EXEMPTION_ANNOTATION_PREFIX,
  evaluateWorkload,
  exemptionsFromAnnotations,
} from './evaluate';
import {
  conformingContext,
  contextOf,
  goodContainer,
  goodPodSpec,
  workloadOf,
} from './testUtils';
import { EvaluatedCheck } from './types';

const ALL_IDS = conformanceChecks.map(c => c.id);

/** A conforming Deployment except for an image on latest, so pinned-image fails. */
function unpinnedContext() {
  const ctx = conformingContext();
  ctx.workload.spec.template.spec.containers[0].image =
    'payment-service:latest';
  return ctx;
}

const byId = (results: EvaluatedCheck[], id: string) =>
  results.find(r => r.checkId === id);

describe('evaluateWorkload', () => {
  it('runs every check in display order, all passing on a conforming workload', () => {
    const results = evaluateWorkload(conformingContext());
    expect(results.map(r => r.checkId)).toEqual(ALL_IDS);
    expect(results.filter(r => r.verdict !== 'pass')).toEqual([]);
    expect(results.map(r => r.severity)).toEqual(
      conformanceChecks.map(c => c.severity),
    );
  });

  it('reports not-applicable checks for a Job', () => {
    const results = evaluateWorkload(contextOf(workloadOf('Job')));
    const notApplicable = results
      .filter(r => r.verdict === 'not-applicable')
      .map(r => r.checkId);
    expect(notApplicable).toEqual([
      'readiness-probe',
      'liveness-probe',
      'pod-disruption-budget',
      'horizontal-pod-autoscaler',
    ]);
  });

  it.each([
    [
      'disabled check is omitted',
      { 'pinned-image': { enabled: false } },
      12,
      undefined,
    ],
    [
      'enabled: true keeps it',
      { 'pinned-image': { enabled: true } },
      13,
      'high',
    ],
    [
      'severity override applies',
      { 'pinned-image': { severity: 'low' as const } },
      13,
      'low',
    ],
    [
      'config of an unknown check is ignored',
      { 'no-such-check': { enabled: false } },
      13,
      'high',
    ],
  ])('%s', (_name, config, count, severity) => {
    const results = evaluateWorkload(unpinnedContext(), { config });
    expect(results).toHaveLength(count);
    expect(byId(results, 'pinned-image')?.severity).toBe(severity);
  });

  it('passes check options through to the checks', () => {
    const results = evaluateWorkload(conformingContext(), {
      checkOptions: { requiredLabels: ['cost-center'] },
    });
    expect(byId(results, 'standard-labels')).toMatchObject({
      verdict: 'fail',
      findings: [{ fieldPath: "metadata.labels['cost-center']" }],
    });
  });

  it('turns a failure into an exemption with its reason, keeping the findings', () => {
    const results = evaluateWorkload(unpinnedContext(), {
      exemptions: { 'pinned-image': '  Vendor image, tracked in PAY-123 ' },
    });
    const result = byId(results, 'pinned-image');
    expect(result).toMatchObject({
      checkId: 'pinned-image',
      severity: 'high',
      verdict: 'exempt',
      exemptionReason: 'Vendor image, tracked in PAY-123',
    });
    expect(result?.findings).toHaveLength(1);
    expect(results.filter(r => r.verdict === 'exempt')).toHaveLength(1);
  });

  it('turns a pass into an exemption too', () => {
    const results = evaluateWorkload(conformingContext(), {
      exemptions: { 'no-privileged': 'CNI agent' },
    });
    expect(byId(results, 'no-privileged')).toEqual({
      checkId: 'no-privileged',
      severity: 'critical',
      verdict: 'exempt',
      findings: [],
      exemptionReason: 'CNI agent',
    });
  });

  it('leaves a check that does not apply not-applicable despite an exemption', () => {
    const results = evaluateWorkload(contextOf(workloadOf('DaemonSet')), {
      exemptions: { 'pod-disruption-budget': 'One per node' },
    });
    expect(byId(results, 'pod-disruption-budget')).toEqual({
      checkId: 'pod-disruption-budget',
      severity: 'high',
      verdict: 'not-applicable',
      findings: [],
    });
  });

  it.each([
    ['empty', ''],
    ['blank', '  \n '],
  ])(
    'ignores an exemption with an %s reason and says the reason is mandatory',
    (_name, reason) => {
      const results = evaluateWorkload(unpinnedContext(), {
        exemptions: { 'pinned-image': reason },
      });
      const result = byId(results, 'pinned-image');
      expect(result?.verdict).toBe('fail');
      expect(result?.exemptionReason).toBeUndefined();
      expect(result?.findings).toHaveLength(2);
      expect(result?.findings[1]).toEqual({
        fieldPath: `metadata.annotations['${EXEMPTION_ANNOTATION_PREFIX}pinned-image']`,
        message:
          'The exemption from "pinned-image" is ignored: a reason is mandatory. Put it in the annotation\'s value.',
      });
    },
  );

  it('keeps a passing check passing when its exemption has no reason', () => {
    const results = evaluateWorkload(conformingContext(), {
      exemptions: { 'no-privileged': '' },
    });
    expect(byId(results, 'no-privileged')).toMatchObject({
      verdict: 'pass',
      findings: [{ message: expect.stringMatching(/reason is mandatory/) }],
    });
  });

  it('treats a non-text reason from untyped JSON as missing', () => {
    const exemptions = { 'pinned-image': 42 } as unknown as Record<
      string,
      string
    >;
    const result = byId(
      evaluateWorkload(unpinnedContext(), { exemptions }),
      'pinned-image',
    );
    expect(result?.verdict).toBe('fail');
  });

  it('does not apply an exemption to a disabled check', () => {
    const results = evaluateWorkload(unpinnedContext(), {
      config: { 'pinned-image': { enabled: false } },
      exemptions: { 'pinned-image': 'Vendor image' },
    });
    expect(byId(results, 'pinned-image')).toBeUndefined();
  });

  it('reports one finding per bad container across a multi-container pod', () => {
    const ctx = conformingContext();
    ctx.workload.spec.template.spec = goodPodSpec({
      containers: [
        goodContainer(),
        goodContainer({ name: 'sidecar', image: 'envoy' }),
      ],
    });
    const result = byId(evaluateWorkload(ctx), 'pinned-image');
    expect(result?.findings.map(f => f.container)).toEqual(['sidecar']);
  });
});

describe('exemptionsFromAnnotations', () => {
  it.each([
    ['no annotations', undefined, {}],
    [
      'unrelated annotations',
      { 'backstage.io/kubernetes-id': 'payment-service' },
      {},
    ],
    [
      'exemptions among others',
      {
        'backstage.io/kubernetes-id': 'payment-service',
        'conformance.portal.io/exempt-pinned-image': 'Vendor image, PAY-123',
        'conformance.portal.io/exempt-no-privileged': ' CNI agent ',
      },
      { 'pinned-image': 'Vendor image, PAY-123', 'no-privileged': 'CNI agent' },
    ],
    [
      'a blank reason is kept so it can be reported',
      { 'conformance.portal.io/exempt-standard-labels': '' },
      { 'standard-labels': '' },
    ],
    [
      'the bare prefix names no check',
      { 'conformance.portal.io/exempt-': 'why' },
      {},
    ],
    [
      'another prefix',
      { 'conformance.portal.io/exempts-pinned-image': 'why' },
      {},
    ],
  ])('%s', (_name, annotations, expected) => {
    expect(exemptionsFromAnnotations(annotations)).toEqual(expected);
  });

  it('feeds evaluateWorkload', () => {
    const exemptions = exemptionsFromAnnotations({
      [`${EXEMPTION_ANNOTATION_PREFIX}pinned-image`]: 'Vendor image',
    });
    const result = byId(
      evaluateWorkload(unpinnedContext(), { exemptions }),
      'pinned-image',
    );
    expect(result).toMatchObject({
      verdict: 'exempt',
      exemptionReason: 'Vendor image',
    });
  });
});
