import { translateGitHubEvent } from './github';
import {
  SHA_A,
  SHA_B,
  deploymentStatus,
  incidentIssue,
  pullRequestClosed,
  push,
  workflowRun,
} from './testPayloads';

const REF = 'component:default/payment-service';
const options = {
  workflows: [{ workflow: 'deploy.yml', environment: 'production' }],
  incidentLabel: 'incident',
};
const translate = (event: string, payload: unknown) =>
  translateGitHubEvent(event, payload, REF, options);

describe('translateGitHubEvent', () => {
  it('records a finished deployment_status, keyed by the deployment', () => {
    expect(translate('deployment_status', deploymentStatus('success'))).toEqual(
      {
        kind: 'batch',
        batch: {
          deployments: [
            {
              id: 'github:acme/payment-service:deployment:145988746',
              entityRef: REF,
              environment: 'production',
              status: 'success',
              type: 'normal',
              startedAt: '2024-05-02T10:05:00Z',
              finishedAt: '2024-05-02T10:15:00Z',
              version: 'v1.4.2',
              commitShas: [SHA_A],
              source: 'github',
            },
          ],
          changes: [],
          incidents: [],
        },
      },
    );
  });

  it.each([
    ['failure', 'failure'],
    ['error', 'failure'],
  ])('maps deployment state %s to %s', (state, status) => {
    const t = translate('deployment_status', deploymentStatus(state));
    expect(t.kind === 'batch' && t.batch.deployments[0].status).toBe(status);
  });

  it.each(['pending', 'queued', 'in_progress', 'inactive'])(
    'ignores the non-final deployment state %s',
    state => {
      expect(translate('deployment_status', deploymentStatus(state))).toEqual({
        kind: 'ignored',
        code: 'not-counted',
        reason: `deployment state ${state} is not final`,
      });
    },
  );

  it('records completed runs of configured deploy workflows only', () => {
    const t = translate('workflow_run', workflowRun('success'));
    expect(t).toMatchObject({
      kind: 'batch',
      batch: {
        deployments: [
          {
            id: 'github:acme/payment-service:workflow_run:30433642:1',
            status: 'success',
            environment: 'production',
            startedAt: '2024-05-03T08:00:00Z',
            finishedAt: '2024-05-03T08:06:12Z',
            commitShas: [SHA_B],
          },
        ],
        changes: [{ sha: SHA_B, committedAt: '2024-05-03T07:40:00Z' }],
      },
    });
    const failed = translate('workflow_run', workflowRun('timed_out'));
    expect(failed.kind === 'batch' && failed.batch.deployments[0].status).toBe(
      'failure',
    );
    expect(
      translate(
        'workflow_run',
        workflowRun('success', '.github/workflows/ci.yml'),
      ),
    ).toEqual({
      kind: 'ignored',
      code: 'not-counted',
      reason: 'workflow .github/workflows/ci.yml is not configured as a deploy',
    });
    expect(translate('workflow_run', workflowRun('skipped')).kind).toBe(
      'ignored',
    );
  });

  it('matches runs GitHub sends without a name by path or by the workflow name', () => {
    const unnamed = (name: string | null) => {
      const payload = workflowRun('success');
      return { ...payload, workflow_run: { ...payload.workflow_run, name } };
    };
    for (const name of [null, '']) {
      expect(translate('workflow_run', unnamed(name)).kind).toBe('batch');
      const t = translateGitHubEvent('workflow_run', unnamed(name), REF, {
        ...options,
        workflows: [{ workflow: 'Deploy', environment: 'staging' }],
      });
      expect(t.kind === 'batch' && t.batch.deployments[0].environment).toBe(
        'staging',
      );
    }
  });

  it('turns a merged pull request into a change with its PR times', () => {
    expect(translate('pull_request', pullRequestClosed(true))).toMatchObject({
      kind: 'batch',
      batch: {
        changes: [
          {
            sha: SHA_A,
            entityRef: REF,
            committedAt: '2024-05-02T09:30:00Z',
            prId: 'acme/payment-service#42',
            prCreatedAt: '2024-05-01T09:00:00Z',
            prMergedAt: '2024-05-02T09:30:00Z',
            parents: [SHA_B],
          },
        ],
      },
    });
    expect(translate('pull_request', pullRequestClosed(false)).kind).toBe(
      'ignored',
    );
    // Explicit signals: the hotfix label, GitHub's revert title.
    const labelled = pullRequestClosed(true) as any;
    labelled.pull_request.labels = [{ name: 'HotFix' }];
    const hotfix = translate('pull_request', labelled);
    expect(hotfix.kind === 'batch' && hotfix.batch.changes[0].kind).toBe(
      'hotfix',
    );
    const revert = pullRequestClosed(true) as any;
    revert.pull_request.title = 'Revert "Retry card authorisation once"';
    const reverted = translate('pull_request', revert);
    expect(reverted.kind === 'batch' && reverted.batch.changes[0].kind).toBe(
      'revert',
    );
  });

  it('records the commits of pushes to the default branch only', () => {
    const t = translate('push', push());
    const before = '0000000000000000000000000000000000000001';
    expect(t.kind === 'batch' && t.batch.changes).toEqual([
      {
        sha: SHA_B,
        entityRef: REF,
        committedAt: '2024-05-01T08:00:00+02:00',
        parents: [before],
      },
      {
        sha: SHA_A,
        entityRef: REF,
        committedAt: '2024-05-02T09:30:00Z',
        parents: [SHA_B],
      },
    ]);
    // A forced push rewrote history: the previous head is no ancestor.
    const forced = translate('push', { ...push(), forced: true });
    expect(
      forced.kind === 'batch' && forced.batch.changes[0],
    ).not.toHaveProperty('parents');
    // A new branch (before = 0…0) and a push that lists no commits but moves the head.
    const created = translate('push', { ...push(), before: '0'.repeat(40) });
    expect(
      created.kind === 'batch' && created.batch.changes[0],
    ).not.toHaveProperty('parents');
    // A merge commit names its PR: the branch commits before it (distinct: false) belong to it.
    const merge = push();
    merge.commits[0].distinct = false;
    merge.commits[1].message = 'Merge pull request #42 from acme/retry-auth';
    const merged = translate('push', merge);
    expect(
      merged.kind === 'batch' && merged.batch.changes.map(c => c.prId),
    ).toEqual(['acme/payment-service#42', 'acme/payment-service#42']);
    const moved = translate('push', { ...push(), commits: [] });
    expect(moved.kind === 'batch' && moved.batch.changes).toEqual([
      {
        sha: SHA_A,
        entityRef: REF,
        committedAt: '2024-05-02T09:30:00Z',
        parents: [before],
      },
    ]);
    expect(translate('push', push('refs/heads/retry-auth'))).toEqual({
      kind: 'ignored',
      code: 'not-counted',
      reason: 'push to refs/heads/retry-auth, not the default branch',
    });
    // A deleted tag or branch, as GitHub sends it: no commits, nothing to record.
    expect(
      translate('push', {
        ...push('refs/tags/v1.4.2'),
        deleted: true,
        commits: [],
      }),
    ).toEqual({
      kind: 'ignored',
      code: 'not-counted',
      reason: 'deletion of refs/tags/v1.4.2',
    });
  });

  it('records labelled issues as incidents with severity, root cause and resolution', () => {
    expect(translate('issues', incidentIssue('opened'))).toEqual({
      kind: 'batch',
      batch: {
        deployments: [],
        changes: [],
        incidents: [
          {
            id: 'github:acme/payment-service#77',
            entityRef: REF,
            openedAt: '2024-05-02T11:00:00Z',
            severity: 'sev2',
            causedBy: { commitSha: SHA_A },
          },
        ],
      },
    });
    const closed = translate(
      'issues',
      incidentIssue('closed', {
        closed: true,
        body: 'root cause: github:acme/payment-service:deployment:145988746',
      }),
    );
    expect(closed.kind === 'batch' && closed.batch.incidents[0]).toMatchObject({
      resolvedAt: '2024-05-02T13:00:00Z',
      causedBy: {
        deploymentId: 'github:acme/payment-service:deployment:145988746',
      },
    });
    expect(
      translate('issues', incidentIssue('opened', { labels: ['bug'] })),
    ).toEqual({
      kind: 'ignored',
      code: 'not-counted',
      reason: 'issue is not labelled incident',
    });
  });

  it('names the field of a malformed payload', () => {
    const payload = deploymentStatus('success') as any;
    delete payload.deployment.environment;
    expect(() => translate('deployment_status', payload)).toThrow(
      'deployment.environment: must be a non-empty string',
    );
    expect(() => translate('push', { repository: {} })).toThrow(
      'repository.full_name: must be a non-empty string',
    );
    expect(() => translate('push', [])).toThrow('body: must be an object');
  });

  it('ignores events that are no DORA source', () => {
    expect(translate('star', { repository: { full_name: 'a/b' } })).toEqual({
      kind: 'ignored',
      code: 'not-counted',
      reason: 'event star is not a DORA source',
    });
  });
});
