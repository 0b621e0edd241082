import { Entity } from '@backstage/catalog-model';
import { applyExemptions } from './applyExemptions';
import { evaluateChecks } from './evaluateChecks';
import { EntitySignals } from './signals';

const NOW = new Date('2026-12-06T00:00:00Z');

function entity(
  extra: {
    annotations?: Record<string, string>;
    links?: Entity['metadata']['links'];
    spec?: Entity['spec'];
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'svc',
      namespace: 'default',
      annotations: extra.annotations ?? {},
      links: extra.links ?? [],
    },
    spec: extra.spec ?? { type: 'service' },
  };
}

function signals(overrides: Partial<EntitySignals> = {}): EntitySignals {
  return {
    entity: entity(),
    providedApis: new Map(),
    slos: [],
    sloErrors: [],
    dora: {
      productionDeployments30d: 0,
      coverage: { deployments: 0, ancestryKnown: 0 },
      deployments: [],
    },
    pushed: new Map(),
    ...overrides,
  };
}

function stateOf(s: EntitySignals, checkId: string) {
  const r = evaluateChecks(s, { ciMaxAgeDays: 30, now: NOW }).find(
    x => x.checkId === checkId,
  );
  return r && [r.state, r.message];
}

describe('evaluateChecks: catalog', () => {
  it.each([
    ['owner', entity({ spec: { owner: 'payments' } }), 'pass'],
    ['owner', entity({ spec: { owner: '  ' } }), 'fail'],
    ['system', entity({ spec: { system: 'e-commerce' } }), 'pass'],
    ['system', entity(), 'fail'],
    ['lifecycle', entity({ spec: { lifecycle: 'production' } }), 'pass'],
    ['lifecycle', entity({ spec: { lifecycle: 'prod' } }), 'fail'],
    [
      'golden-path',
      entity({
        annotations: {
          'backstage.io/source-template': 'template:default/http-api',
        },
      }),
      'pass',
    ],
    [
      'golden-path',
      entity({
        annotations: {
          'scorecard.portal.io/escape-hatch': 'vendored Helm chart',
        },
      }),
      'pass',
    ],
    // A blank reason is no reason.
    [
      'golden-path',
      entity({ annotations: { 'scorecard.portal.io/escape-hatch': ' ' } }),
      'fail',
    ],
    [
      'runbook-link',
      entity({
        links: [{ url: 'https://runbooks.example.com/x', title: 'Runbook' }],
      }),
      'pass',
    ],
    [
      'runbook-link',
      entity({
        links: [{ url: 'https://wiki/x', title: 'Ops', type: 'runbook' }],
      }),
      'pass',
    ],
    [
      'runbook-link',
      entity({ annotations: { 'portal.io/runbook-url': 'https://r/x' } }),
      'pass',
    ],
    // Not a web address: nobody can open it at night.
    [
      'runbook-link',
      entity({ links: [{ url: 'runbooks/x.md', title: 'Runbook' }] }),
      'fail',
    ],
    [
      'runbook-link',
      entity({ links: [{ url: 'https://grafana/x', title: 'Dashboard' }] }),
      'fail',
    ],
    [
      'on-call-link',
      entity({ links: [{ url: 'https://pd/x', title: 'On-call rota' }] }),
      'pass',
    ],
    [
      'on-call-link',
      entity({ annotations: { 'pagerduty.com/service-id': 'P123' } }),
      'pass',
    ],
    [
      'on-call-link',
      entity({ links: [{ url: 'https://runbooks/x', title: 'Runbook' }] }),
      'fail',
    ],
  ])('%s %#', (checkId, e, expected) => {
    expect(stateOf(signals({ entity: e }), checkId)?.[0]).toBe(expected);
  });

  it('api-documented: every provided API needs a definition; a website needs none', () => {
    const api = (definition?: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'a' },
      spec: { definition },
    });
    expect(stateOf(signals(), 'api-documented')?.[0]).toBe('fail');
    expect(
      stateOf(
        signals({ entity: entity({ spec: { type: 'website' } }) }),
        'api-documented',
      )?.[0],
    ).toBe('not-applicable');
    expect(
      stateOf(
        signals({
          providedApis: new Map([['api:default/a', api('openapi: 3.0.0')]]),
        }),
        'api-documented',
      ),
    ).toEqual(['pass', '1 API with a definition']);
    expect(
      stateOf(
        signals({
          providedApis: new Map([
            ['api:default/a', api('x')],
            ['api:default/b', api('')],
            ['api:default/c', undefined],
          ]),
        }),
        'api-documented',
      ),
    ).toEqual(['fail', 'no definition: api:default/b, api:default/c']);
  });
});

describe('evaluateChecks: conformance', () => {
  const k8s = entity({ annotations: { 'backstage.io/kubernetes-id': 'svc' } });
  it('is not applicable without workloads, pending until judged, combines verdicts', () => {
    expect(stateOf(signals(), 'conformance-probes')?.[0]).toBe(
      'not-applicable',
    );
    expect(stateOf(signals({ entity: k8s }), 'conformance-probes')).toEqual([
      'pending',
      'waiting for the first conformance report',
    ]);
    expect(
      stateOf(
        signals({
          entity: k8s,
          conformance: { pending: true, workloadCount: 0, verdicts: {} },
        }),
        'conformance-probes',
      )?.[0],
    ).toBe('pending');
    const c = {
      workloadCount: 2,
      verdicts: {
        'readiness-probe': 'pass',
        'liveness-probe': 'fail',
        'resource-requests': 'pass',
        'resource-limits': 'pass',
        'default-deny-network-policy': 'exempt',
        'no-privileged': 'pass',
        'no-host-namespaces': 'not-applicable',
      } as const,
    };
    const s = signals({ entity: k8s, conformance: c });
    expect(stateOf(s, 'conformance-probes')).toEqual([
      'fail',
      'failing: liveness-probe',
    ]);
    expect(stateOf(s, 'conformance-resources')?.[0]).toBe('pass');
    expect(stateOf(s, 'conformance-network-policy')?.[0]).toBe('exempt');
    expect(stateOf(s, 'conformance-no-privileged')?.[0]).toBe('pass');
    // A report without the verdict (judged before the check existed): nothing to count.
    expect(stateOf(s, 'conformance-no-secret-literals')?.[0]).toBe(
      'not-applicable',
    );
    expect(
      stateOf(
        signals({
          entity: k8s,
          conformance: { workloadCount: 0, verdicts: {} },
        }),
        'conformance-pinned-images',
      ),
    ).toEqual(['fail', 'no workload found in any cluster']);
  });
});

describe('evaluateChecks: secrets as literal env values', () => {
  const k8s = entity({ annotations: { 'backstage.io/kubernetes-id': 'svc' } });
  const finding = (n: number) =>
    `Container "app" of Deployment "svc" sets VAR_${n}_TOKEN to a literal value; read it from a Secret (valueFrom.secretKeyRef).`;
  it.each([
    ['pass', undefined, ['pass', 'no-secret-literals pass on 1 workload']],
    // The verdict fails the check even when the report could not be read for its findings.
    ['fail', undefined, ['fail', 'failing: no-secret-literals']],
    [
      'fail',
      [finding(1)],
      ['fail', `failing: no-secret-literals: ${finding(1)}`],
    ],
    [
      'fail',
      [1, 2, 3, 4, 5].map(finding),
      [
        'fail',
        `failing: no-secret-literals: ${[1, 2, 3]
          .map(finding)
          .join(' ')} (and 2 more on the tab)`,
      ],
    ],
  ] as const)('verdict %s with findings %j', (verdict, findings, expected) => {
    const s = signals({
      entity: k8s,
      conformance: {
        workloadCount: 1,
        verdicts: { 'no-secret-literals': verdict },
        findings: findings && { 'no-secret-literals': [...findings] },
      },
    });
    expect(stateOf(s, 'conformance-no-secret-literals')).toEqual(expected);
    expect(
      evaluateChecks(s, { ciMaxAgeDays: 30, now: NOW }).find(
        r => r.checkId === 'conformance-no-secret-literals',
      )?.evidenceUrl,
    ).toBe('/catalog/default/component/svc/conformance');
  });
});

describe('evaluateChecks: SLOs', () => {
  it.each([
    ['no SLOs', [], [], ['fail', 'not-applicable', 'not-applicable']],
    [
      'a spec error',
      [{ id: 'a', hasPolicy: true, status: 'healthy', stale: false }],
      [{ file: 'slo.yaml', message: 'bad' }],
      ['fail', 'pass', 'pass'],
    ],
    [
      'collected with policy',
      [{ id: 'a', hasPolicy: true, status: 'warning', stale: false }],
      [],
      ['pass', 'pass', 'pass'],
    ],
    [
      'no data',
      [{ id: 'a', hasPolicy: true, status: 'no-data', stale: false }],
      [],
      ['pass', 'fail', 'pass'],
    ],
    [
      'stale',
      [{ id: 'a', hasPolicy: false, status: 'healthy', stale: true }],
      [],
      ['pass', 'fail', 'fail'],
    ],
  ] as const)('%s', (_n, slos, errors, expected) => {
    const s = signals({ slos: [...slos], sloErrors: [...errors] });
    expect(
      ['slo-defined', 'slo-collected', 'slo-budget-policy'].map(
        id => stateOf(s, id)?.[0],
      ),
    ).toEqual(expected);
  });
});

describe('evaluateChecks: DORA and CI', () => {
  const dep = (environment: string, finishedAt: string, sha: string) => ({
    id: `${environment}-${sha}`,
    environment,
    status: 'success',
    finishedAt,
    commitShas: [sha],
  });

  it('deployments, ancestry and promotion', () => {
    const none = signals();
    expect(
      ['dora-deployed', 'dora-ancestry', 'build-once-promote'].map(
        id => stateOf(none, id)?.[0],
      ),
    ).toEqual(['fail', 'not-applicable', 'not-applicable']);
    const s = signals({
      dora: {
        productionDeployments30d: 2,
        coverage: { deployments: 2, ancestryKnown: 1 },
        deployments: [
          dep('staging', '2026-12-01T00:00:00Z', 'aaa'),
          dep('production', '2026-12-02T00:00:00Z', 'aaa'),
          dep('production', '2026-12-03T00:00:00Z', 'bbb'),
          // Older than 30 days: not judged any more.
          dep('production', '2026-10-01T00:00:00Z', 'old'),
        ],
      },
    });
    expect(stateOf(s, 'dora-deployed')?.[0]).toBe('pass');
    expect(stateOf(s, 'dora-ancestry')).toEqual([
      'fail',
      '1 of 2 production deployments with known ancestry',
    ]);
    expect(stateOf(s, 'build-once-promote')).toEqual([
      'fail',
      '1 of 2 production deployments not seen in staging first (bbb)',
    ]);
  });

  it('image scan: the latest pushed result, while it is young enough', () => {
    const pushed = (state: 'pass' | 'fail', reportedAt: string) =>
      new Map([['image-scan', { state, reportedAt, runId: 'r1' }]]);
    expect(stateOf(signals(), 'image-scan')?.[0]).toBe('fail');
    expect(
      stateOf(
        signals({ pushed: pushed('pass', '2026-12-05T00:00:00Z') }),
        'image-scan',
      ),
    ).toEqual(['pass', 'run r1: pass']);
    expect(
      stateOf(
        signals({ pushed: pushed('fail', '2026-12-05T00:00:00Z') }),
        'image-scan',
      )?.[0],
    ).toBe('fail');
    // 30 days and one second before NOW.
    expect(
      stateOf(
        signals({ pushed: pushed('pass', '2026-11-05T23:59:59Z') }),
        'image-scan',
      )?.[0],
    ).toBe('fail');
    expect(
      stateOf(
        signals({ pushed: pushed('pass', '2026-11-06T00:00:00Z') }),
        'image-scan',
      )?.[0],
    ).toBe('pass');
  });
});

describe('applyExemptions', () => {
  const base = {
    entityRef: 'component:default/svc',
    createdBy: 'user:default/admin',
    createdAt: '2026-12-01T00:00:00Z',
  };
  const results = [
    { checkId: 'owner', state: 'fail' as const, message: 'x' },
    { checkId: 'system', state: 'not-applicable' as const, message: 'y' },
    { checkId: 'lifecycle', state: 'fail' as const, message: 'z' },
  ];
  it('exempts while in force; expired or revoked ones fail again; n/a stays', () => {
    const out = applyExemptions(
      results,
      [
        {
          ...base,
          id: 1,
          checkId: 'owner',
          reason: 'reorg',
          expiresAt: '2026-12-07T00:00:00Z',
        },
        {
          ...base,
          id: 2,
          checkId: 'system',
          reason: 'r',
          expiresAt: '2026-12-07T00:00:00Z',
        },
        // Expired exactly now: no longer in force.
        {
          ...base,
          id: 3,
          checkId: 'lifecycle',
          reason: 'r',
          expiresAt: '2026-12-06T00:00:00Z',
        },
        {
          ...base,
          id: 4,
          checkId: 'lifecycle',
          reason: 'r',
          expiresAt: '2027-01-01T00:00:00Z',
          revokedAt: '2026-12-02T00:00:00Z',
          revokedBy: 'a',
        },
      ],
      NOW,
    );
    expect(out.map(r => r.state)).toEqual(['exempt', 'not-applicable', 'fail']);
    expect(out[0]).toMatchObject({
      message: 'failing, exempt until 2026-12-07: reorg',
      exemption: { reason: 'reorg', createdBy: 'user:default/admin' },
    });
  });
});
