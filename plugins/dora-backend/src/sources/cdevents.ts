import { InputError } from '@backstage/errors';
import {
  SourceBatch,
  Translation,
  emptyBatch,
  ignored,
  isSha,
  normalizeEnvironment,
  object,
  string,
} from './types';

/** A CloudEvent reduced to what the adapter reads; `data` is the CDEvent. */
export type CloudEvent = {
  id: string;
  source: string;
  type: string;
  time?: string;
  data: unknown;
};

/** Pipelines whose finished runs are deployments (config `dora.cdevents.deployPipelines`). */
export type DeployPipeline = {
  pipeline: string;
  environment: string;
  /** The deployed entity, as an entity ref or its `backstage.io/kubernetes-id`. */
  entityRef?: string;
  kubernetesId?: string;
};

type Json = Record<string, any>;

const CE_HEADERS = ['id', 'source', 'type', 'specversion'] as const;

/**
 * Reads CloudEvents from an HTTP request in either content mode: structured
 * (`application/cloudevents+json`, attributes in the body), batched
 * (`application/cloudevents-batch+json`), or binary (attributes in `ce-*` headers, the CDEvent
 * as the body).
 */
export function readCloudEvents(
  contentType: string | undefined,
  headers: Record<string, string | string[] | undefined>,
  body: unknown,
): CloudEvent[] {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType === 'application/cloudevents-batch+json') {
    if (!Array.isArray(body))
      throw new InputError('body: must be an array of CloudEvents');
    return body.map((e, i) => structured(e, `[${i}]`));
  }
  if (mediaType === 'application/cloudevents+json') {
    return [structured(body, '')];
  }
  const header = (name: string) => {
    const value = headers[`ce-${name}`];
    return Array.isArray(value) ? value[0] : value;
  };
  for (const name of CE_HEADERS) {
    if (!header(name)) {
      throw new InputError(
        `ce-${name}: header required for a binary-mode CloudEvent (or send application/cloudevents+json)`,
      );
    }
  }
  return [
    {
      id: header('id')!,
      source: header('source')!,
      type: header('type')!,
      time: header('time'),
      data: body,
    },
  ];
}

function structured(value: unknown, path: string): CloudEvent {
  const event = object(value, path ? `body${path}` : 'body');
  const at = (key: string) => (path ? `${path}.${key}` : key);
  for (const key of ['id', 'source', 'type', 'specversion']) {
    if (typeof event[key] !== 'string' || event[key] === '') {
      throw new InputError(`${at(key)}: required CloudEvent attribute`);
    }
  }
  if (event.data === undefined) {
    throw new InputError(`${at('data')}: the CDEvent is missing`);
  }
  const data =
    typeof event.data === 'string'
      ? parseJson(event.data, at('data'))
      : event.data;
  return {
    id: event.id,
    source: event.source,
    type: event.type,
    time: event.time,
    data,
  };
}

function parseJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(`${field}: not valid JSON`);
  }
}

// dev.cdevents.<subject>.<predicate>.<spec version of the event>
const TYPE = /^dev\.cdevents\.([a-z]+)\.([a-z]+)\.\d+\.\d+\.\d+(-.+)?$/;

/**
 * Translates one CDEvent (spec v0.4: `context`, `subject`, `customData`). Commit SHAs, which
 * CDEvents has no field for, are read from `customData.commitShas` (or `customData.sha` for a
 * change). The event id keys the record, so a re-delivered event changes nothing.
 */
export function translateCdEvent(
  event: CloudEvent,
  pipelines: DeployPipeline[] = [],
): Translation {
  const match = TYPE.exec(event.type);
  if (!match) {
    throw new InputError(
      `type: ${event.type} is not a CDEvents type (dev.cdevents.<subject>.<predicate>.<version>)`,
    );
  }
  const kind = `${match[1]}.${match[2]}`;
  const data = object(event.data, 'data');
  const context = object(data.context, 'data.context');
  const subject = object(data.subject, 'data.subject');
  const content: Json = subject.content ?? {};
  const custom: Json =
    typeof data.customData === 'object' && data.customData !== null
      ? data.customData
      : {};
  const timestamp = string(context, 'timestamp', 'data.context');
  const id = `cdevents:${event.source}:${event.id}`;

  switch (kind) {
    case 'service.deployed':
    case 'service.upgraded':
    case 'service.rolledback':
      return batch({
        deployments: [
          {
            id,
            ...entity(string(subject, 'id', 'data.subject'), 'data.subject.id'),
            environment: environmentOf(content, 'data.subject.content'),
            status: 'success',
            type: deploymentType(kind, custom.type),
            finishedAt: timestamp,
            ...versionOf(content.artifactId),
            commitShas: shas(custom.commitShas, 'data.customData.commitShas'),
            source: 'cdevents',
          },
        ],
      });
    case 'pipelinerun.finished':
      return pipelineRun(id, subject, content, custom, timestamp, pipelines);
    case 'change.merged': {
      if (custom.sha !== undefined && !isSha(custom.sha)) {
        throw new InputError(
          'data.customData.sha: must be a full 40- or 64-character hex commit SHA',
        );
      }
      // The spec's change.merged names a change, not a commit; without the merged commit's SHA
      // it cannot be matched to the deployments that shipped it.
      const sha = custom.sha ?? (isSha(subject.id) ? subject.id : undefined);
      if (sha === undefined) {
        return ignored(
          'change.merged carries no commit SHA (data.customData.sha, or a SHA as data.subject.id)',
        );
      }
      const repository = content.repository?.id;
      return batch({
        changes: [
          {
            sha,
            committedAt: custom.committedAt ?? timestamp,
            ...(repository &&
              subject.id !== sha && {
                prId: `${repository}#${subject.id}`,
                prMergedAt: timestamp,
                ...(typeof custom.prCreatedAt === 'string' && {
                  prCreatedAt: custom.prCreatedAt,
                }),
              }),
          },
        ],
      });
    }
    case 'incident.detected':
    case 'incident.reported':
    case 'incident.resolved': {
      const service = object(content.service, 'data.subject.content.service');
      const cause = custom.causedBy;
      return batch({
        incidents: [
          {
            // Keyed by the incident, not the event: detection and resolution meet in one record.
            id: `cdevents:${subject.source ?? event.source}:${string(
              subject,
              'id',
              'data.subject',
            )}`,
            ...entity(
              string(service, 'id', 'data.subject.content.service'),
              'data.subject.content.service.id',
            ),
            // A resolution seen before its detection opens and resolves at once.
            openedAt: timestamp,
            ...(kind === 'incident.resolved' && { resolvedAt: timestamp }),
            ...(typeof custom.severity === 'string' && {
              severity: custom.severity,
            }),
            ...(typeof cause === 'string' && {
              causedBy: isSha(cause)
                ? { commitSha: cause }
                : { deploymentId: cause },
            }),
          },
        ],
      });
    }
    default:
      return ignored(`${kind} is not a DORA source`);
  }
}

function pipelineRun(
  id: string,
  subject: Json,
  content: Json,
  custom: Json,
  timestamp: string,
  pipelines: DeployPipeline[],
): Translation {
  const name = content.pipelineName;
  const configured = pipelines.find(p => p.pipeline === name);
  const target = configured ?? (custom.environment ? custom : undefined);
  if (!target) return ignored(`pipeline ${name} is not configured as a deploy`);
  const outcome = { success: 'success', failure: 'failure', error: 'failure' }[
    content.outcome as string
  ];
  if (!outcome) {
    throw new InputError(
      'data.subject.content.outcome: must be success, failure or error',
    );
  }
  const ref = target.entityRef ?? target.kubernetesId;
  if (typeof ref !== 'string') {
    throw new InputError(
      `data.customData.entityRef: pipeline ${name} names no entity (set entityRef or kubernetesId)`,
    );
  }
  return batch({
    deployments: [
      {
        id,
        ...(target.entityRef
          ? { entityRef: target.entityRef }
          : { kubernetesId: target.kubernetesId }),
        environment: normalizeEnvironment(String(target.environment)),
        status: outcome,
        type: 'normal',
        finishedAt: timestamp,
        commitShas: shas(custom.commitShas, 'data.customData.commitShas'),
        source: 'cdevents',
        ...(subject.id && { changeIds: [String(subject.id)] }),
      },
    ],
  });
}

/** A service id that is an entity ref names the entity; otherwise it is its kubernetes-id. */
function entity(serviceId: string, field: string) {
  const ref = serviceId.trim();
  if (/^[a-z]+:/i.test(ref)) return { entityRef: ref };
  const name = ref.split('/').filter(Boolean).pop();
  if (!name) throw new InputError(`${field}: empty service id`);
  return { kubernetesId: name };
}

function environmentOf(content: Json, field: string): string {
  const env = object(content.environment, `${field}.environment`);
  return normalizeEnvironment(string(env, 'id', `${field}.environment`));
}

/** `pkg:oci/payment-service@1.4.2?repository_url=…` → version 1.4.2. */
function versionOf(artifactId: unknown) {
  if (typeof artifactId !== 'string') return {};
  const at = artifactId.split('?')[0].split('#')[0].lastIndexOf('@');
  if (at < 0) return {};
  return {
    version: decodeURIComponent(artifactId.split('?')[0].slice(at + 1)),
  };
}

function shas(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every(isSha)) {
    throw new InputError(`${field}: must be an array of full commit SHAs`);
  }
  return value;
}

function batch(parts: Partial<SourceBatch>): Translation {
  return { kind: 'batch', batch: { ...emptyBatch(), ...parts } };
}

/** A rollback event deploys a rollback; customData.type marks a hotfix. */
function deploymentType(
  kind: string,
  customType: unknown,
): 'rollback' | 'hotfix' | 'normal' {
  if (kind === 'service.rolledback') return 'rollback';
  return customType === 'hotfix' ? 'hotfix' : 'normal';
}
