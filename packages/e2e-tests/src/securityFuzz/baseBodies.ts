import fs from 'node:fs';
import path from 'node:path';
// Test-only code: the fuzz test and bench/fuzz.ts import this folder, nothing ships it.
// eslint-disable-next-line @backstage/no-undeclared-imports
import examples from '@octokit/webhooks-examples';
import { repoRoot } from '../startPortalBackend';

// The valid bodies the fuzz starts from, before any mutation.

export const ENTITY = 'component:default/payment-service';
const SHA = '9049f1265b7d61be4a8904a9a27120d2064dab3b';

export function eventsBatch(id: string) {
  return {
    deployments: [
      {
        id: `fuzz-${id}`,
        entityRef: ENTITY,
        environment: 'production',
        status: 'success',
        type: 'normal',
        startedAt: '2026-11-02T10:05:00Z',
        finishedAt: '2026-11-02T10:15:00Z',
        version: 'v1.4.2',
        commitShas: [SHA],
        source: 'api',
      },
    ],
    changes: [
      {
        sha: SHA,
        entityRef: ENTITY,
        authoredAt: '2026-11-01T09:00:00+02:00',
        committedAt: '2026-11-01T09:30:00Z',
        prId: 'acme/payment-service#42',
        prCreatedAt: '2026-11-01T10:00:00Z',
        prMergedAt: '2026-11-02T09:00:00Z',
      },
    ],
    incidents: [
      {
        id: `fuzz-incident-${id}`,
        kubernetesId: 'payment-service',
        severity: 'sev2',
        openedAt: '2026-11-02T11:00:00Z',
        resolvedAt: '2026-11-02T12:00:00Z',
      },
    ],
  };
}

/** A CDEvents v0.4 service.deployed as a structured-mode CloudEvent. */
export function cdEvent(id: string, kind = 'service.deployed') {
  const type = `dev.cdevents.${kind}.0.2.0`;
  const time = '2026-11-02T10:15:00Z';
  const source = 'https://cd.example.com/argo';
  return {
    specversion: '1.0',
    id: `fuzz-${id}`,
    source,
    type,
    time,
    datacontenttype: 'application/json',
    data: {
      context: {
        version: '0.4.1',
        id: `fuzz-${id}`,
        source,
        type,
        timestamp: time,
      },
      subject: {
        id: ENTITY,
        source,
        content: {
          environment: { id: 'production' },
          artifactId: `pkg:github/acme/payment-service@${SHA}`,
        },
      },
    },
  };
}

export const CD_KINDS = [
  'service.deployed',
  'service.upgraded',
  'service.rolledback',
  'pipelinerun.finished',
  'change.merged',
  'incident.detected',
  'incident.resolved',
  'testcaserun.finished',
];

/** GitHub's own documented payloads, two per event name. */
export const GITHUB: { event: string; payload: unknown }[] = (
  examples as unknown as { name: string; examples: unknown[] }[]
).flatMap(e =>
  e.examples.slice(0, 2).map(payload => ({ event: e.name, payload })),
);

export const PLAIN_SPEC = {
  service: 'payment-service',
  slos: [
    {
      name: 'requests-availability',
      indicator: {
        type: 'availability',
        good_events:
          'sum(rate(http_requests_total{job="payment-service",code!~"5.."}[5m]))',
        total_events:
          'sum(rate(http_requests_total{job="payment-service"}[5m]))',
      },
      objective: 99.9,
      window: '30d',
      error_budget_policy: [
        { consumed_percent: 50, action: 'notify' },
        { consumed_percent: 100, action: 'freeze' },
      ],
      exemptions: ['security_patch'],
    },
  ],
};
export const SLOTH_SPEC = fs.readFileSync(
  path.join(repoRoot, 'catalog/slos/payment-service.yaml'),
  'utf8',
);
