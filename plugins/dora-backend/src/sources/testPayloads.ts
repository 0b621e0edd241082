// Webhook and CDEvents payloads as their publishers document them (GitHub's "Webhook events and
// payloads" reference; CDEvents spec v0.4), trimmed to the fields plus some neighbours so that
// the adapters are shown to ignore what they do not read.

export const SHA_A = '9049f1265b7d61be4a8904a9a27120d2064dab3b';
export const SHA_B = 'd6fde92930d4715a2b49857d24b940956b26d2d3';

const repository = {
  id: 186853002,
  node_id: 'MDEwOlJlcG9zaXRvcnkxODY4NTMwMDI=',
  name: 'payment-service',
  full_name: 'acme/payment-service',
  private: true,
  owner: { login: 'acme', id: 21031067, type: 'Organization' },
  html_url: 'https://github.com/acme/payment-service',
  default_branch: 'main',
};

const sender = { login: 'octocat', id: 583231, type: 'User' };

export function deploymentStatus(state: string, id = 145988746) {
  return {
    action: 'created',
    deployment_status: {
      url: `https://api.github.com/repos/acme/payment-service/deployments/${id}/statuses/1`,
      id: 444,
      state,
      creator: sender,
      description: '',
      environment: 'Production',
      target_url: '',
      created_at: '2024-05-02T10:15:00Z',
      updated_at: '2024-05-02T10:15:00Z',
    },
    deployment: {
      url: `https://api.github.com/repos/acme/payment-service/deployments/${id}`,
      id,
      sha: SHA_A,
      ref: 'v1.4.2',
      task: 'deploy',
      payload: {},
      original_environment: 'Production',
      environment: 'Production',
      description: null,
      creator: sender,
      created_at: '2024-05-02T10:05:00Z',
      updated_at: '2024-05-02T10:15:00Z',
    },
    repository,
    sender,
  };
}

export function workflowRun(
  conclusion: string,
  path = '.github/workflows/deploy.yml',
) {
  return {
    action: 'completed',
    workflow_run: {
      id: 30433642,
      name: 'Deploy',
      head_branch: 'main',
      head_sha: SHA_B,
      path,
      run_number: 562,
      event: 'push',
      status: 'completed',
      conclusion,
      workflow_id: 159038,
      run_attempt: 1,
      run_started_at: '2024-05-03T08:00:00Z',
      created_at: '2024-05-03T07:59:58Z',
      updated_at: '2024-05-03T08:06:12Z',
      head_commit: {
        id: SHA_B,
        tree_id: 'd23f6eedb1e1b9610bbc754ddb5197bfe7271223',
        message: 'Retry card authorisation once',
        timestamp: '2024-05-03T07:40:00Z',
        author: { name: 'Mona', email: 'mona@example.com' },
      },
    },
    workflow: { id: 159038, name: 'Deploy', path },
    repository,
    sender,
  };
}

export function pullRequestClosed(merged: boolean) {
  return {
    action: 'closed',
    number: 42,
    pull_request: {
      url: 'https://api.github.com/repos/acme/payment-service/pulls/42',
      id: 279147437,
      number: 42,
      state: 'closed',
      title: 'Retry card authorisation once',
      user: sender,
      created_at: '2024-05-01T09:00:00Z',
      updated_at: '2024-05-02T09:30:00Z',
      closed_at: '2024-05-02T09:30:00Z',
      merged_at: merged ? '2024-05-02T09:30:00Z' : null,
      merge_commit_sha: SHA_A,
      merged,
      head: { ref: 'retry-auth', sha: SHA_B },
      base: { ref: 'main', sha: '0000000000000000000000000000000000000001' },
    },
    repository,
    sender,
  };
}

export function push(ref = 'refs/heads/main') {
  return {
    ref,
    before: '0000000000000000000000000000000000000001',
    after: SHA_A,
    created: false,
    deleted: false,
    forced: false,
    commits: [
      {
        id: SHA_B,
        tree_id: 'd23f6eedb1e1b9610bbc754ddb5197bfe7271223',
        distinct: true,
        message: 'Retry card authorisation once',
        timestamp: '2024-05-01T08:00:00+02:00',
        author: { name: 'Mona', email: 'mona@example.com' },
        added: [],
        removed: [],
        modified: ['src/authorise.ts'],
      },
      {
        id: SHA_A,
        tree_id: 'a23f6eedb1e1b9610bbc754ddb5197bfe7271223',
        distinct: true,
        message: 'Merge pull request #42',
        timestamp: '2024-05-02T09:30:00Z',
        author: { name: 'Mona', email: 'mona@example.com' },
        added: [],
        removed: [],
        modified: [],
      },
    ],
    head_commit: { id: SHA_A, timestamp: '2024-05-02T09:30:00Z' },
    repository,
    pusher: { name: 'octocat' },
    sender,
  };
}

export function incidentIssue(
  action: string,
  options: { labels?: string[]; closed?: boolean; body?: string } = {},
) {
  const labels = options.labels ?? ['incident', 'sev2'];
  return {
    action,
    issue: {
      url: 'https://api.github.com/repos/acme/payment-service/issues/77',
      id: 444500041,
      number: 77,
      title: 'Card payments failing for EU customers',
      user: sender,
      labels: labels.map((name, i) => ({ id: i + 1, name, color: 'd73a4a' })),
      state: options.closed ? 'closed' : 'open',
      created_at: '2024-05-02T11:00:00Z',
      updated_at: '2024-05-02T13:00:00Z',
      closed_at: options.closed ? '2024-05-02T13:00:00Z' : null,
      body:
        options.body ??
        `Error rate at 30% since the 10:15 deploy.\n\nRoot cause: ${SHA_A}\n`,
    },
    ...(action === 'labeled' && { label: { name: 'incident' } }),
    repository,
    sender,
  };
}

/** A CDEvent of the given type wrapped as a structured-mode CloudEvent. */
export function cloudEvent(
  type: string,
  subject: Record<string, unknown>,
  options: {
    id?: string;
    time?: string;
    customData?: Record<string, unknown>;
  } = {},
) {
  const time = options.time ?? '2024-05-02T10:15:00Z';
  const id = options.id ?? '271069a8-fc18-44f1-b38f-9d70a1695819';
  const source = '/event/source/tekton';
  return {
    specversion: '1.0',
    id,
    source,
    type,
    time,
    datacontenttype: 'application/json',
    data: {
      context: {
        version: '0.4.1',
        id,
        source,
        type,
        timestamp: time,
      },
      subject,
      ...(options.customData && {
        customData: options.customData,
        customDataContentType: 'application/json',
      }),
    },
  };
}

export const serviceDeployed = (
  options: { id?: string; customData?: Record<string, unknown> } = {},
) =>
  cloudEvent(
    'dev.cdevents.service.deployed.0.2.0',
    {
      id: 'service/payment-service',
      source: '/clusters/eu-1',
      type: 'service',
      content: {
        environment: { id: 'production', source: '/clusters/eu-1' },
        artifactId:
          'pkg:oci/payment-service@sha256%3A0b6b2a7b?repository_url=registry.example.com',
      },
    },
    { customData: { commitShas: [SHA_A] }, ...options },
  );

export const incident = (
  predicate: 'detected' | 'resolved',
  id: string,
  time: string,
) =>
  cloudEvent(
    `dev.cdevents.incident.${predicate}.0.2.0`,
    {
      id: 'INC-311',
      source: '/alertmanager',
      type: 'incident',
      content: {
        description: 'Error budget burn 14x',
        environment: { id: 'production' },
        service: { id: 'service/payment-service' },
        artifactId: 'pkg:oci/payment-service@1.4.2',
      },
    },
    { id, time, customData: { severity: 'sev1', causedBy: SHA_A } },
  );
