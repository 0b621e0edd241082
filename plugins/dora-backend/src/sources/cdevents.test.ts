import { readCloudEvents, translateCdEvent } from './cdevents';
import { SHA_A, cloudEvent, incident, serviceDeployed } from './testPayloads';

const structured = (event: unknown) =>
  readCloudEvents('application/cloudevents+json', {}, event)[0];

describe('readCloudEvents', () => {
  it('reads structured, batched and binary modes alike', () => {
    const event = serviceDeployed();
    const fromStructured = readCloudEvents(
      'application/cloudevents+json; charset=utf-8',
      {},
      event,
    );
    const fromBatch = readCloudEvents(
      'application/cloudevents-batch+json',
      {},
      [event, event],
    );
    const fromBinary = readCloudEvents(
      'application/json',
      {
        'ce-id': event.id,
        'ce-source': event.source,
        'ce-type': event.type,
        'ce-specversion': '1.0',
        'ce-time': event.time,
      },
      event.data,
    );
    const expected = {
      id: event.id,
      source: event.source,
      type: event.type,
      time: event.time,
      data: event.data,
    };
    expect(fromStructured).toEqual([expected]);
    expect(fromBatch).toEqual([expected, expected]);
    expect(fromBinary).toEqual([expected]);
  });

  it('names what is missing', () => {
    expect(() => readCloudEvents('application/json', {}, {})).toThrow(
      /^ce-id: header required/,
    );
    const { id, ...noId } = serviceDeployed();
    expect(() => structured(noId)).toThrow('id: required CloudEvent attribute');
    expect(() =>
      readCloudEvents('application/cloudevents-batch+json', {}, [
        serviceDeployed(),
        { ...serviceDeployed(), data: undefined },
      ]),
    ).toThrow('[1].data: the CDEvent is missing');
  });
});

describe('translateCdEvent', () => {
  it('turns service.deployed into a deployment keyed by the event', () => {
    expect(translateCdEvent(structured(serviceDeployed()))).toEqual({
      kind: 'batch',
      batch: {
        deployments: [
          {
            id: 'cdevents:/event/source/tekton:271069a8-fc18-44f1-b38f-9d70a1695819',
            environment: 'production',
            status: 'success',
            type: 'normal',
            finishedAt: '2024-05-02T10:15:00Z',
            version: 'sha256:0b6b2a7b',
            commitShas: [SHA_A],
            source: 'cdevents',
          },
        ],
        changes: [],
        incidents: [],
      },
      // The subject names the service: a repository of that name, else a kubernetes-id.
      attribution: [
        { slug: 'service/payment-service' },
        { kubernetesId: 'payment-service' },
      ],
    });
  });

  it('takes an entity ref as the service id, and marks rollbacks', () => {
    const event = cloudEvent('dev.cdevents.service.rolledback.0.2.0', {
      id: 'component:default/payment-service',
      content: {
        environment: { id: 'Production' },
        artifactId: 'pkg:oci/p@1.4.1',
      },
    });
    const t = translateCdEvent(structured(event));
    expect(t.kind === 'batch' && t.attribution).toEqual([
      { entityRef: 'component:default/payment-service' },
    ]);
    expect(t.kind === 'batch' && t.batch.deployments[0]).toMatchObject({
      type: 'rollback',
      version: '1.4.1',
    });
  });

  it('keys incidents by the incident, so detection and resolution meet', () => {
    const detected = translateCdEvent(
      structured(incident('detected', 'e1', '2024-05-02T10:20:00Z')),
    );
    const resolved = translateCdEvent(
      structured(incident('resolved', 'e2', '2024-05-02T11:05:00Z')),
    );
    expect(detected.kind === 'batch' && detected.batch.incidents).toEqual([
      {
        id: 'cdevents:/alertmanager:INC-311',
        openedAt: '2024-05-02T10:20:00Z',
        severity: 'sev1',
        causedBy: { commitSha: SHA_A },
      },
    ]);
    expect(detected.kind === 'batch' && detected.attribution).toEqual([
      { slug: 'service/payment-service' },
      { kubernetesId: 'payment-service' },
    ]);
    expect(
      resolved.kind === 'batch' && resolved.batch.incidents[0],
    ).toMatchObject({
      id: 'cdevents:/alertmanager:INC-311',
      resolvedAt: '2024-05-02T11:05:00Z',
    });
  });

  it('turns change.merged into a change when it names the merged commit', () => {
    const merged = cloudEvent(
      'dev.cdevents.change.merged.0.2.0',
      { id: '42', content: { repository: { id: 'acme/payment-service' } } },
      { customData: { sha: SHA_A } },
    );
    expect(translateCdEvent(structured(merged))).toMatchObject({
      batch: {
        changes: [
          {
            sha: SHA_A,
            committedAt: '2024-05-02T10:15:00Z',
            prId: 'acme/payment-service#42',
            prMergedAt: '2024-05-02T10:15:00Z',
          },
        ],
      },
    });
    // As the spec's own example: a change id and a repository, no commit.
    const noSha = cloudEvent('dev.cdevents.change.merged.0.2.0', {
      id: '42',
      content: { repository: { id: 'acme/payment-service' } },
    });
    expect(translateCdEvent(structured(noSha))).toEqual({
      kind: 'ignored',
      code: 'not-counted',
      reason:
        'change.merged carries no commit (data.customData.sha or .commits, or a SHA as data.subject.id)',
    });
    const badSha = cloudEvent(
      'dev.cdevents.change.merged.0.2.0',
      { id: '42', content: {} },
      { customData: { sha: 'not-a-sha' } },
    );
    expect(() => translateCdEvent(structured(badSha))).toThrow(
      /^data\.customData\.sha: /,
    );
  });

  it('turns a change.merged commit list into changes with ancestry and the PR', () => {
    const [c1, c2, merge, before] = ['1', '2', '3', '4'].map(d => d.repeat(40));
    const merged = cloudEvent(
      'dev.cdevents.change.merged.0.3.0',
      {
        id: '42',
        content: {
          repository: {
            id: 'acme/payment-service',
            source: 'https://github.com/acme/payment-service',
          },
        },
      },
      {
        customData: {
          before,
          commits: [
            { id: c1, timestamp: '2024-04-01T09:00:00+05:30' },
            { id: c2, timestamp: '2024-04-02T09:00:00Z' },
            {
              id: merge,
              timestamp: '2024-05-02T10:15:00Z',
              parents: [before, c2],
            },
          ],
        },
      },
    );
    const t = translateCdEvent(structured(merged));
    expect(t).toMatchObject({
      kind: 'batch',
      attribution: [{ slug: 'acme/payment-service' }],
    });
    expect(t.kind === 'batch' && t.batch.changes).toEqual(
      [
        {
          sha: c1,
          committedAt: '2024-04-01T09:00:00+05:30',
          parents: [before],
        },
        { sha: c2, committedAt: '2024-04-02T09:00:00Z', parents: [c1] },
        {
          sha: merge,
          committedAt: '2024-05-02T10:15:00Z',
          parents: [before, c2],
        },
      ].map(c => ({
        ...c,
        prId: 'acme/payment-service#42',
        prMergedAt: '2024-05-02T10:15:00Z',
      })),
    );
  });

  it('reads the deployed commit from a pkg:github artifactId', () => {
    const event = cloudEvent('dev.cdevents.service.deployed.0.3.0', {
      id: 'payments',
      content: {
        environment: { id: 'production' },
        artifactId: `pkg:github/acme/payment-service@${SHA_A}`,
      },
    });
    const t = translateCdEvent(structured(event));
    expect(t.kind === 'batch' && t.batch.deployments[0].commitShas).toEqual([
      SHA_A,
    ]);
    expect(t.kind === 'batch' && t.attribution).toEqual([
      { kubernetesId: 'payments' },
      { slug: 'acme/payment-service' },
    ]);
  });

  it('records finished runs of configured deploy pipelines', () => {
    const run = (outcome: string) =>
      structured(
        cloudEvent('dev.cdevents.pipelinerun.finished.0.2.0', {
          id: 'run-9',
          content: { pipelineName: 'payments-deploy', outcome },
        }),
      );
    const pipelines = [
      {
        pipeline: 'payments-deploy',
        environment: 'production',
        kubernetesId: 'payment-service',
      },
    ];
    expect(translateCdEvent(run('failure'), pipelines)).toMatchObject({
      batch: {
        deployments: [
          {
            status: 'failure',
            changeIds: ['run-9'],
          },
        ],
      },
      attribution: [{ kubernetesId: 'payment-service' }],
    });
    expect(translateCdEvent(run('success'))).toEqual({
      kind: 'ignored',
      code: 'not-counted',
      reason: 'pipeline payments-deploy is not configured as a deploy',
    });
  });

  it('ignores other CDEvents and rejects non-CDEvents types', () => {
    const built = cloudEvent('dev.cdevents.artifact.packaged.0.2.0', {
      id: 'x',
      content: {},
    });
    expect(translateCdEvent(structured(built))).toEqual({
      kind: 'ignored',
      code: 'not-counted',
      reason: 'artifact.packaged is not a DORA source',
    });
    expect(() =>
      translateCdEvent(structured({ ...built, type: 'com.example.thing' })),
    ).toThrow(/^type: com\.example\.thing is not a CDEvents type/);
  });

  it('names a malformed field', () => {
    const event = serviceDeployed() as any;
    delete event.data.subject.content.environment;
    expect(() => translateCdEvent(structured(event))).toThrow(
      'data.subject.content.environment: must be an object',
    );
  });
});
