import * as api from './index';

describe('package exports', () => {
  it('exports exactly the agreed runtime API', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'EXEMPTION_ANNOTATION_PREFIX',
        'WORKLOAD_KINDS',
        'conformanceChecks',
        'conformancePermissions',
        'conformanceRefreshPermission',
        'conformanceScore',
        'evaluateWorkload',
        'exemptionsFromAnnotations',
        'parseImageReference',
        'podTemplateOf',
        'verdictsByCheck',
      ].sort(),
    );
  });

  it('lists the checks in display order with complete metadata', () => {
    expect(api.conformanceChecks.map(c => [c.id, c.severity])).toEqual([
      ['resource-requests', 'high'],
      ['resource-limits', 'high'],
      ['readiness-probe', 'high'],
      ['liveness-probe', 'medium'],
      ['pod-disruption-budget', 'high'],
      ['horizontal-pod-autoscaler', 'medium'],
      ['no-privileged', 'critical'],
      ['no-host-namespaces', 'critical'],
      ['run-as-non-root', 'high'],
      ['pinned-image', 'high'],
      ['no-secret-literals', 'high'],
      ['default-deny-network-policy', 'medium'],
      ['standard-labels', 'low'],
    ]);
    for (const check of api.conformanceChecks) {
      expect(check.title).not.toBe('');
      expect(check.rationale.length).toBeGreaterThan(100);
      expect(check.remediation).toMatch(/\.$/);
      // The snippet is pasted into manifests: no source indentation, no tabs.
      expect(check.remediationSnippet).toMatch(/^\S/);
      expect(check.remediationSnippet).not.toMatch(/\t|\n$/);
    }
  });

  it('lists the workload kinds', () => {
    expect(api.WORKLOAD_KINDS).toEqual([
      'Deployment',
      'StatefulSet',
      'DaemonSet',
      'ReplicaSet',
      'Job',
      'CronJob',
      'Pod',
    ]);
  });
});
