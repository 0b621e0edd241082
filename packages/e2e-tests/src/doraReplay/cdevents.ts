import { Delivery } from './history';

/*
 * The replay's GitHub history as CDEvents v0.5 (structured-mode CloudEvents): pushes and merged
 * PRs as change.merged with the documented customData commit list, successful deployments as
 * service.deployed with a pkg:github purl, failed ones as runs of a deploy pipeline the
 * repositories share, incidents as incident.detected/resolved. The services are named in every
 * way the portal accepts: an entity ref, or only a repository in the event's source.
 */

/** The replayed kinds and their schema files in cdevents-schemas/. */
export const CDEVENT_SCHEMAS = {
  'service.deployed': 'servicedeployed',
  'pipelinerun.finished': 'pipelinerunfinished',
  'change.merged': 'changemerged',
  'incident.detected': 'incidentdetected',
  'incident.resolved': 'incidentresolved',
} as const;
export type CdEventKind = keyof typeof CDEVENT_SCHEMAS;

const typeOf = (kind: CdEventKind) => `dev.cdevents.${kind}.0.3.0`;

let sequence = 0;

function cloudEvent(
  kind: CdEventKind,
  time: string,
  source: string,
  subject: Record<string, unknown>,
  customData?: Record<string, unknown>,
) {
  const id = `replay-${++sequence}`;
  const type = typeOf(kind);
  return {
    kind,
    event: {
      specversion: '1.0',
      id,
      source,
      type,
      time,
      datacontenttype: 'application/json',
      data: {
        context: { specversion: '0.5.0', id, source, type, timestamp: time },
        subject,
        ...(customData && {
          customData,
          customDataContentType: 'application/json',
        }),
      },
    },
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');

/** The deliveries as CDEvents, in the same order; events with no CDEvents counterpart dropped. */
export function asCdEvents(deliveries: Delivery[]) {
  const events: ReturnType<typeof cloudEvent>[] = [];
  const ZERO = /^0+$/;
  for (const { event, payload: p, at } of deliveries) {
    const repo = (p.repository as any).full_name as string;
    const repoUrl = `https://github.com/${repo}`;
    const name = repo.split('/')[1];
    // Two services are named by entity ref, two only by their repository (the source).
    const byRef = name === 'ledger' || name === 'search';
    if (event === 'push') {
      const commits = (p.commits as any[]).map(c => ({
        id: c.id,
        timestamp: c.timestamp,
      }));
      const before = p.before as string;
      events.push(
        cloudEvent(
          'change.merged',
          iso(at),
          `${repoUrl}/pushes`,
          {
            id: p.after,
            content: { repository: { id: repo, source: repoUrl } },
          },
          {
            commits,
            ...(!p.forced && !ZERO.test(before) && { before }),
          },
        ),
      );
    } else if (event === 'deployment_status') {
      const status = (p.deployment_status as any).state;
      const deployment = p.deployment as any;
      const time = (p.deployment_status as any).created_at;
      if (status === 'success') {
        events.push(
          cloudEvent(
            'service.deployed',
            time,
            byRef ? 'https://cd.example.com/argo' : repoUrl,
            {
              id: byRef ? `component:default/replay-${name}` : name,
              source: 'https://cd.example.com/argo',
              content: {
                environment: { id: deployment.environment },
                artifactId: `pkg:github/${repo}@${deployment.sha}`,
              },
            },
          ),
        );
      } else if (status === 'failure') {
        events.push(
          cloudEvent(
            'pipelinerun.finished',
            time,
            'https://ci.example.com/pipelines/deploy-production',
            {
              id: `run-${deployment.id}`,
              source: repoUrl,
              content: {
                pipelineName: 'deploy-production',
                outcome: 'failure',
              },
            },
            {
              environment: deployment.environment,
              commitShas: [deployment.sha],
            },
          ),
        );
      }
    } else if (event === 'issues') {
      const issue = p.issue as any;
      const cause = /Root cause: ([0-9a-f]{40})/.exec(issue.body)![1];
      const closed = p.action === 'closed';
      events.push(
        cloudEvent(
          closed ? 'incident.resolved' : 'incident.detected',
          closed ? issue.closed_at : issue.created_at,
          'https://alerts.example.com',
          {
            id: `${repo}#${issue.number}`,
            source: `${repoUrl}/issues`,
            content: {
              environment: { id: 'production' },
              service: byRef
                ? { id: `component:default/replay-${name}` }
                : { id: name, source: repoUrl },
            },
          },
          { causedBy: cause },
        ),
      );
    }
  }
  return events;
}

/** Deploy runs of repositories no catalog entity claims: answered 200, ignored, counted. */
export function unattributableRuns(time: string) {
  return [1, 2, 3].map(i =>
    cloudEvent(
      'pipelinerun.finished',
      time,
      'https://ci.example.com/pipelines/deploy-production',
      {
        id: `stray-${i}`,
        source: `https://github.com/elsewhere/service-${i}`,
        content: { pipelineName: 'deploy-production', outcome: 'success' },
      },
      { environment: 'production' },
    ),
  );
}
