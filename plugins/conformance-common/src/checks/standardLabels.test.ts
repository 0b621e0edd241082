import { NAME, STANDARD_LABELS, contextOf, workloadOf } from '../testUtils';
import { standardLabelsCheck } from './standardLabels';

const NAME_LABEL = 'app.kubernetes.io/name';

const evaluate = (
  labels: Record<string, string>,
  templateLabels: Record<string, string> = { [NAME_LABEL]: NAME },
  requiredLabels?: string[],
  kind = 'Deployment',
) =>
  standardLabelsCheck.evaluate(
    contextOf(workloadOf(kind, { labels, templateLabels })),
    requiredLabels && { requiredLabels },
  );

describe('standard-labels', () => {
  it.each([
    ['all standard labels', STANDARD_LABELS, undefined, []],
    ['no team', { [NAME_LABEL]: NAME }, undefined, ['metadata.labels.team']],
    [
      'no name',
      { team: 'payments' },
      undefined,
      ["metadata.labels['app.kubernetes.io/name']"],
    ],
    [
      'no labels',
      {},
      undefined,
      ["metadata.labels['app.kubernetes.io/name']", 'metadata.labels.team'],
    ],
    [
      'a blank team',
      { ...STANDARD_LABELS, team: ' ' },
      undefined,
      ['metadata.labels.team'],
    ],
    [
      'custom required labels, present',
      { ...STANDARD_LABELS, 'cost-center': 'cc-42' },
      [NAME_LABEL, 'cost-center'],
      [],
    ],
    [
      'custom required labels, missing',
      STANDARD_LABELS,
      ['cost-center'],
      ["metadata.labels['cost-center']"],
    ],
    ['no required labels', {}, [], []],
  ])('%s', (_name, labels, required, expected) => {
    const outcome = evaluate(labels, undefined, required);
    expect(outcome.verdict).toBe(expected.length ? 'fail' : 'pass');
    expect(outcome.findings.map(f => f.fieldPath)).toEqual(expected);
  });

  it('requires the name label on the pod template too', () => {
    expect(evaluate(STANDARD_LABELS, { tier: 'backend' }).findings).toEqual([
      {
        fieldPath: "spec.template.metadata.labels['app.kubernetes.io/name']",
        message: 'The pod template has no "app.kubernetes.io/name" label.',
      },
    ]);
  });

  it('requires the pod template name label even when the workload labels are not required', () => {
    expect(evaluate({}, {}, []).findings.map(f => f.fieldPath)).toEqual([
      "spec.template.metadata.labels['app.kubernetes.io/name']",
    ]);
  });

  it('finds the template of a CronJob', () => {
    expect(
      evaluate(STANDARD_LABELS, {}, undefined, 'CronJob').findings[0].fieldPath,
    ).toBe(
      "spec.jobTemplate.spec.template.metadata.labels['app.kubernetes.io/name']",
    );
  });

  it('reports a bare Pod missing the name label once', () => {
    const pod = workloadOf('Pod', {
      labels: { team: 'payments' },
      templateLabels: {},
    });
    expect(standardLabelsCheck.evaluate(contextOf(pod)).findings).toEqual([
      {
        fieldPath: "metadata.labels['app.kubernetes.io/name']",
        message: 'The Pod has no "app.kubernetes.io/name" label.',
      },
    ]);
  });

  it('checks a bare Pod for the name label even when it is not required of workloads', () => {
    const pod = workloadOf('Pod', {
      labels: { team: 'payments' },
      templateLabels: {},
    });
    expect(
      standardLabelsCheck.evaluate(contextOf(pod), { requiredLabels: ['team'] })
        .findings,
    ).toEqual([
      {
        fieldPath: "metadata.labels['app.kubernetes.io/name']",
        message: 'The Pod has no "app.kubernetes.io/name" label.',
      },
    ]);
  });
});
