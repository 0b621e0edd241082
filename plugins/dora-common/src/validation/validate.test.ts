import { InputError } from '@backstage/errors';
import {
  validateBatch,
  validateChange,
  validateDeployment,
  validateIncident,
} from './validate';

const SHA = 'a'.repeat(40);

const rawDeployment = {
  id: 'd1',
  entityRef: 'component:default/svc',
  environment: 'production',
  status: 'success',
  type: 'normal',
  finishedAt: '2024-01-01T00:00:00Z',
  commitShas: [SHA],
  source: 'api',
};

const rawIncident = {
  id: 'i1',
  entityRef: 'component:default/svc',
  openedAt: '2024-01-01T00:00:00Z',
};

const rawChange = { sha: SHA, committedAt: '2024-01-01T00:00:00Z' };

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('validateDeployment', () => {
  it('normalises a valid deployment', () => {
    expect(
      validateDeployment(
        {
          ...rawDeployment,
          entityRef: 'svc',
          environment: 'Production',
          type: undefined,
          startedAt: '2024-01-01T00:30:00+01:00',
          finishedAt: '2024-01-01T00:00:00.5Z',
          commitShas: [SHA.toUpperCase(), SHA],
          version: null,
        },
        'd',
      ),
    ).toEqual({
      id: 'd1',
      entityRef: 'component:default/svc',
      environment: 'production',
      status: 'success',
      type: 'normal',
      startedAt: '2023-12-31T23:30:00.000Z',
      finishedAt: '2024-01-01T00:00:00.500Z',
      commitShas: [SHA],
      source: 'api',
    });
  });

  it.each([
    ['Group:Team-A/Web', 'group:team-a/web'],
    ['default/svc', 'component:default/svc'],
    ['api:billing', 'api:default/billing'],
  ])('canonicalises entityRef %s to %s', (entityRef, expected) => {
    expect(
      validateDeployment({ ...rawDeployment, entityRef }, 'd').entityRef,
    ).toBe(expected);
  });

  it('accepts kubernetesId instead of entityRef', () => {
    const { entityRef, ...rest } = rawDeployment;
    const d = validateDeployment({ ...rest, kubernetesId: 'svc-prod' }, 'd');
    expect(d.kubernetesId).toBe('svc-prod');
    expect(d.entityRef).toBeUndefined();
  });

  it('defaults a missing commitShas to an empty list', () => {
    const { commitShas, ...rest } = rawDeployment;
    expect(validateDeployment(rest, 'd').commitShas).toEqual([]);
  });

  it.each([
    [
      { finishedAt: 'yesterday' },
      'deployments[3].finishedAt: must be an ISO 8601 timestamp',
    ],
    [{ finishedAt: undefined }, 'deployments[3].finishedAt: required'],
    [
      { finishedAt: 1704067200000 },
      'deployments[3].finishedAt: must be an ISO 8601 timestamp',
    ],
    [
      { startedAt: '2024-01-01T00:00:01Z' },
      'deployments[3].finishedAt: must not be before startedAt',
    ],
    [{ id: '' }, 'deployments[3].id: must be a non-empty string'],
    [
      { id: 'x'.repeat(257) },
      'deployments[3].id: must be at most 256 characters',
    ],
    [
      { entityRef: 'a:b:c/d' },
      'deployments[3].entityRef: must be an entity reference like component:default/name',
    ],
    [
      { entityRef: 'component:default/bad name' },
      'deployments[3].entityRef: must be an entity reference like component:default/name',
    ],
    [
      { entityRef: undefined },
      'deployments[3].entityRef: required (or give kubernetesId)',
    ],
    [
      { kubernetesId: 'not valid!' },
      'deployments[3].kubernetesId: must be a valid Kubernetes label value',
    ],
    [
      { environment: 'prod env' },
      'deployments[3].environment: must be 1-63 characters of a-z, 0-9, ".", "_" or "-"',
    ],
    [
      { status: 'ok' },
      'deployments[3].status: must be one of success, failure, rolled_back, in_progress, cancelled',
    ],
    [
      { type: 'urgent' },
      'deployments[3].type: must be one of normal, hotfix, rollback',
    ],
    [{ commitShas: 'abc' }, 'deployments[3].commitShas: must be an array'],
    [
      { commitShas: [SHA, 'abc123'] },
      'deployments[3].commitShas[1]: must be a full 40- or 64-character hex commit SHA',
    ],
    [
      { changeIds: [''] },
      'deployments[3].changeIds[0]: must be a non-empty string',
    ],
    [{ source: undefined }, 'deployments[3].source: required'],
    [
      { finished_at: '2024-01-01T00:00:00Z' },
      'deployments[3].finished_at: unknown field',
    ],
  ])('rejects %o', (patch, message) => {
    expect(
      messageOf(() =>
        validateDeployment({ ...rawDeployment, ...patch }, 'deployments[3]'),
      ),
    ).toBe(message);
  });

  it('rejects non-objects', () => {
    expect(messageOf(() => validateDeployment([], 'deployments[0]'))).toBe(
      'deployments[0]: must be an object',
    );
  });

  it('names a misspelt field rather than the field it leaves missing', () => {
    const { finishedAt, ...rest } = rawDeployment;
    expect(
      messageOf(() =>
        validateDeployment({ ...rest, finished_at: finishedAt }, 'd'),
      ),
    ).toBe('d.finished_at: unknown field');
  });

  it('treats null as absent', () => {
    expect(
      messageOf(() => validateDeployment({ ...rawDeployment, id: null }, 'd')),
    ).toBe('d.id: required');
    expect(
      validateDeployment({ ...rawDeployment, commitShas: null }, 'd'),
    ).toMatchObject({ commitShas: [], type: 'normal' });
  });
});

describe('validateChange', () => {
  it('accepts a change without entity and normalises its SHA', () => {
    expect(
      validateChange({ ...rawChange, sha: SHA.toUpperCase() }, 'c'),
    ).toEqual({ sha: SHA, committedAt: '2024-01-01T00:00:00.000Z' });
  });

  it('accepts 64-character SHA-256 commit ids', () => {
    const sha = 'b'.repeat(64);
    expect(validateChange({ ...rawChange, sha }, 'c').sha).toBe(sha);
  });

  it.each([
    [
      { sha: 'abc' },
      'changes[0].sha: must be a full 40- or 64-character hex commit SHA',
    ],
    [{ committedAt: undefined }, 'changes[0].committedAt: required'],
    [
      { prMergedAt: '2024-01-01T00:00:00Z' },
      'changes[0].prId: required when PR timestamps are given',
    ],
    [
      { prId: 'r#1', prCreatedAt: 'soon' },
      'changes[0].prCreatedAt: must be an ISO 8601 timestamp',
    ],
  ])('rejects %o', (patch, message) => {
    expect(
      messageOf(() => validateChange({ ...rawChange, ...patch }, 'changes[0]')),
    ).toBe(message);
  });
});

describe('validateIncident', () => {
  it('keeps causedBy and drops an empty one', () => {
    expect(
      validateIncident(
        { ...rawIncident, causedBy: { commitSha: SHA.toUpperCase() } },
        'i',
      ).causedBy,
    ).toEqual({ commitSha: SHA });
    expect(
      validateIncident({ ...rawIncident, causedBy: {} }, 'i'),
    ).not.toHaveProperty('causedBy');
  });

  it.each([
    [{ openedAt: undefined }, 'incidents[1].openedAt: required'],
    [
      { resolvedAt: '2023-12-31T23:59:59Z' },
      'incidents[1].resolvedAt: must not be before openedAt',
    ],
    [{ causedBy: 'd1' }, 'incidents[1].causedBy: must be an object'],
    [
      { causedBy: { commitSha: 'abc' } },
      'incidents[1].causedBy.commitSha: must be a full 40- or 64-character hex commit SHA',
    ],
    [
      { causedBy: { deployment: 'd1' } },
      'incidents[1].causedBy.deployment: unknown field',
    ],
  ])('rejects %o', (patch, message) => {
    expect(
      messageOf(() =>
        validateIncident({ ...rawIncident, ...patch }, 'incidents[1]'),
      ),
    ).toBe(message);
  });
});

describe('validateBatch', () => {
  it('validates every list and returns all of them', () => {
    const batch = validateBatch({
      deployments: [rawDeployment],
      changes: [rawChange],
      incidents: [rawIncident],
    });
    expect(batch.deployments).toHaveLength(1);
    expect(batch.changes).toHaveLength(1);
    expect(batch.incidents).toHaveLength(1);
    expect(validateBatch({})).toEqual({
      deployments: [],
      changes: [],
      incidents: [],
    });
  });

  it('names the first bad field even when later items are fine', () => {
    expect(
      messageOf(() =>
        validateBatch({
          deployments: [
            rawDeployment,
            rawDeployment,
            rawDeployment,
            { ...rawDeployment, finishedAt: 'nope' },
          ],
          incidents: [{ ...rawIncident, openedAt: 'nope' }],
        }),
      ),
    ).toBe('deployments[3].finishedAt: must be an ISO 8601 timestamp');
  });

  it('checks incidents even when deployments are fine', () => {
    expect(
      messageOf(() =>
        validateBatch({
          deployments: [rawDeployment],
          incidents: [rawIncident, { ...rawIncident, openedAt: 'nope' }],
        }),
      ),
    ).toBe('incidents[1].openedAt: must be an ISO 8601 timestamp');
  });

  it.each([
    [null, 'body: must be an object'],
    [{ deployments: {} }, 'deployments: must be an array'],
    [{ builds: [] }, 'body.builds: unknown field'],
  ])('rejects the envelope %o', (body, message) => {
    expect(messageOf(() => validateBatch(body))).toBe(message);
  });
});
