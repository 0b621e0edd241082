import { KubeObject } from '@internal/plugin-conformance-common';
import { buildEntityReport } from './buildEntityReport';

const goodDeployment: KubeObject = {
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'shop',
    labels: { 'app.kubernetes.io/name': 'web', team: 'shop' },
  },
  spec: {
    replicas: 1,
    template: {
      metadata: { labels: { 'app.kubernetes.io/name': 'web' } },
      spec: {
        securityContext: { runAsNonRoot: true },
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27.3',
            resources: {
              requests: { cpu: '100m', memory: '64Mi' },
              limits: { cpu: '1', memory: '128Mi' },
            },
            readinessProbe: { httpGet: { path: '/', port: 8080 } },
            livenessProbe: { tcpSocket: { port: 8080 } },
          },
        ],
      },
    },
  },
};
const privileged: KubeObject = JSON.parse(JSON.stringify(goodDeployment));
privileged.metadata.name = 'agent';
privileged.spec.template.spec.containers[0].securityContext = {
  privileged: true,
};

const namespace = {
  horizontalPodAutoscalers: [
    {
      metadata: { name: 'web' },
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' } },
    },
  ],
  podDisruptionBudgets: [],
  networkPolicies: [
    {
      metadata: { name: 'deny' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    },
  ],
};
const now = new Date('2026-11-22T02:00:00Z');

describe('buildEntityReport', () => {
  it('judges each workload, sums verdicts and keeps cluster errors', () => {
    const { report, failingSeverities } = buildEntityReport(
      'component:default/shop',
      [
        {
          cluster: 'eu',
          contexts: [
            { workload: goodDeployment, namespace },
            { workload: privileged, namespace },
          ],
        },
        {
          cluster: 'us',
          contexts: [],
          error: 'FETCH_ERROR: connect ECONNREFUSED',
        },
      ],
      {},
      {},
      now,
    );
    expect(report.workloads.map(w => w.workload)).toEqual([
      { cluster: 'eu', namespace: 'shop', kind: 'Deployment', name: 'web' },
      { cluster: 'eu', namespace: 'shop', kind: 'Deployment', name: 'agent' },
    ]);
    const failed = report.workloads.map(w =>
      w.results.filter(r => r.verdict === 'fail').map(r => r.checkId),
    );
    // The second deployment has no HPA of its own and a privileged container.
    expect(failed).toEqual([
      [],
      ['horizontal-pod-autoscaler', 'no-privileged'],
    ]);
    expect(report.summary.fail).toBe(2);
    expect(
      report.summary.pass +
        report.summary.fail +
        report.summary['not-applicable'],
    ).toBe(2 * 13); // two workloads, thirteen checks each
    expect(failingSeverities).toEqual(['critical', 'medium']);
    expect(report.clusterErrors).toEqual([
      { cluster: 'us', message: 'FETCH_ERROR: connect ECONNREFUSED' },
    ]);
    expect(report.evaluatedAt).toBe('2026-11-22T02:00:00.000Z');
    expect(report.score).toBeGreaterThan(0);
    expect(report.score).toBeLessThan(100);
  });

  it('has no score when no workload was found', () => {
    const { report } = buildEntityReport(
      'component:default/x',
      [{ cluster: 'eu', contexts: [] }],
      {},
      {},
      now,
    );
    expect(report).toMatchObject({
      score: null,
      workloads: [],
      summary: { pass: 0, fail: 0 },
    });
  });

  it('applies exemptions and check config', () => {
    const { report } = buildEntityReport(
      'component:default/shop',
      [{ cluster: 'eu', contexts: [{ workload: privileged, namespace }] }],
      { 'no-privileged': 'Node agent needs host access (SEC-7)' },
      { config: { 'horizontal-pod-autoscaler': { enabled: false } } },
      now,
    );
    const results = report.workloads[0].results;
    expect(
      results.find(r => r.checkId === 'horizontal-pod-autoscaler'),
    ).toBeUndefined();
    expect(results.find(r => r.checkId === 'no-privileged')).toMatchObject({
      verdict: 'exempt',
      exemptionReason: 'Node agent needs host access (SEC-7)',
    });
    expect(report.score).toBe(100);
  });
});
