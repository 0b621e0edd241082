import {
  LabelSelector,
  SelectorParseError,
  formatLabelSelector,
  matchesLabels,
  parseLabelSelector,
} from './labelSelector';
import { matchesFields, parseFieldSelector } from './fieldSelector';

describe('parseLabelSelector', () => {
  const ok: Array<[string, LabelSelector]> = [
    ['', []],
    ['app=web', [{ key: 'app', operator: '=', values: ['web'] }]],
    ['app==web', [{ key: 'app', operator: '=', values: ['web'] }]],
    ['app != web', [{ key: 'app', operator: '!=', values: ['web'] }]],
    [
      'env in (prod, staging)',
      [{ key: 'env', operator: 'in', values: ['prod', 'staging'] }],
    ],
    ['env notin (dev)', [{ key: 'env', operator: 'notin', values: ['dev'] }]],
    ['tier', [{ key: 'tier', operator: 'exists', values: [] }]],
    ['!tier', [{ key: 'tier', operator: '!exists', values: [] }]],
    ['app=', [{ key: 'app', operator: '=', values: [''] }]],
    ['replicas>2', [{ key: 'replicas', operator: 'gt', values: ['2'] }]],
    [
      'backstage.io/kubernetes-id=payment-service,app.kubernetes.io/name',
      [
        {
          key: 'backstage.io/kubernetes-id',
          operator: '=',
          values: ['payment-service'],
        },
        { key: 'app.kubernetes.io/name', operator: 'exists', values: [] },
      ],
    ],
    [
      'a=1,!b,c in (x,y),d notin (z)',
      [
        { key: 'a', operator: '=', values: ['1'] },
        { key: 'b', operator: '!exists', values: [] },
        { key: 'c', operator: 'in', values: ['x', 'y'] },
        { key: 'd', operator: 'notin', values: ['z'] },
      ],
    ],
  ];
  it.each(ok)('parses %j', (input, expected) => {
    expect(parseLabelSelector(input)).toEqual(expected);
  });

  const bad = [
    '=web',
    'app=web=x',
    'app in (a',
    'app in ()',
    'app in a',
    'app=web,',
    ',app',
    'app=-bad',
    'Bad_Prefix/app=x',
    'app===web',
    'a b',
    'x>abc',
    `k=${'v'.repeat(64)}`,
  ];
  it.each(bad)('rejects %j', input => {
    expect(() => parseLabelSelector(input)).toThrow(SelectorParseError);
  });

  it('formats requirements back to a selector string', () => {
    expect(formatLabelSelector(parseLabelSelector('a=1,!b,c in (x,y)'))).toBe(
      'a=1,!b,c in (x,y)',
    );
  });
});

describe('matchesLabels', () => {
  const labels = {
    app: 'web',
    env: 'prod',
    'backstage.io/kubernetes-id': 'payment-service',
    replicas: '3',
  };
  const cases: Array<[string, Record<string, string> | undefined, boolean]> = [
    ['', labels, true],
    ['', undefined, true],
    ['app=web', labels, true],
    ['app==web', labels, true],
    ['app=api', labels, false],
    ['app!=api', labels, true],
    ['app!=web', labels, false],
    ['missing!=x', labels, true],
    ['env in (prod,staging)', labels, true],
    ['env in (dev)', labels, false],
    ['missing in (x)', labels, false],
    ['env notin (dev)', labels, true],
    ['env notin (prod)', labels, false],
    ['missing notin (x)', labels, true],
    ['env', labels, true],
    ['missing', labels, false],
    ['!missing', labels, true],
    ['!env', labels, false],
    ['backstage.io/kubernetes-id=payment-service', labels, true],
    ['app=web,env=dev', labels, false],
    ['replicas>2', labels, true],
    ['replicas<2', labels, false],
    ['app=web', undefined, false],
  ];
  it.each(cases)('%j against %j -> %s', (sel, l, expected) => {
    expect(matchesLabels(parseLabelSelector(sel), l)).toBe(expected);
  });
});

describe('field selectors', () => {
  const pod = {
    metadata: { name: 'p1', namespace: 'ns1' },
    status: { phase: 'Running' },
  };
  it.each([
    ['metadata.name=p1', true],
    ['metadata.name==p1', true],
    ['metadata.name!=p1', false],
    ['metadata.namespace=ns1,status.phase=Running', true],
    ['status.phase=Pending', false],
  ])('%s -> %s', (sel, expected) => {
    expect(matchesFields(parseFieldSelector(sel, 'pods'), pod)).toBe(expected);
  });
  it('rejects unsupported fields and malformed input', () => {
    expect(() => parseFieldSelector('spec.foo=bar', 'pods')).toThrow(
      'field label not supported: spec.foo',
    );
    expect(() =>
      parseFieldSelector('status.phase=Running', 'configmaps'),
    ).toThrow();
    expect(() => parseFieldSelector('metadata.name', 'pods')).toThrow();
  });
});
