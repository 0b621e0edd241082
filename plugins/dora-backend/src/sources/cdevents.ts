import { InputError } from '@backstage/errors';
import { parseInput } from '@internal/plugin-dora-common';
import { z } from 'zod';
import {
  Locator,
  Translation,
  emptyBatch,
  ignored,
  isSha,
  nonEmptyString as text,
  normalizeEnvironment,
  repositorySlug,
} from './types';
import type { CloudEvent } from './cloudEvents';

export { readCloudEvents } from './cloudEvents';
export type { CloudEvent } from './cloudEvents';

/** Pipelines whose finished runs are deployments (config `dora.cdevents.deployPipelines`). */
export type DeployPipeline = {
  pipeline: string;
  environment: string;
  /** The deployed entity, as an entity ref or its `backstage.io/kubernetes-id`. */
  entityRef?: string;
  kubernetesId?: string;
};

type Json = Record<string, any>;

// dev.cdevents.<subject>.<predicate>.<spec version of the event>
const TYPE = /^dev\.cdevents\.([a-z]+)\.([a-z]+)\.\d+\.\d+\.\d+(-.+)?$/;

/** What every CDEvent carries (read from `data`). */
const cdEventFields = z.looseObject({
  context: z.looseObject({ timestamp: text }),
  subject: z.looseObject({}),
});
const withId = z.looseObject({ id: text });
const deployedContent = z.looseObject({ environment: withId });
/** `change.merged`'s `customData.commits`, as a GitHub push lists them. */
const listedCommits = z.array(z.looseObject({ timestamp: text }));

/**
 * Translates one CDEvent (spec v0.4 and v0.5: `context`, `subject`, `customData`). The event id
 * keys the record, so a re-delivered event changes nothing. The entity is found, in order, from
 * the subject (an entity ref, a repository URL or `pkg:github` purl, or a kubernetes-id), then
 * the repository of the event's `source` (or `customData.repository`), then the configured
 * pipeline; see Locator. The deployed commit is `customData.commitShas`, else the version of a
 * `pkg:github/owner/repo@<sha>` artifactId.
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
  const data = parseInput(cdEventFields, event.data, 'data');
  const { context, subject } = data;
  const content: Json = (subject.content as Json | undefined) ?? {};
  const custom: Json =
    typeof data.customData === 'object' && data.customData !== null
      ? (data.customData as Json)
      : {};
  const timestamp = context.timestamp;
  const id = `cdevents:${event.source}:${event.id}`;
  const sources = [
    custom.repository,
    subject.source,
    context.source,
    event.source,
  ];

  switch (kind) {
    case 'service.deployed':
    case 'service.upgraded':
    case 'service.rolledback': {
      const serviceId = parseInput(withId, subject, 'data.subject').id;
      const listed = shas(custom.commitShas, 'data.customData.commitShas');
      const fromArtifact = artifactSha(content.artifactId);
      return {
        kind: 'batch',
        batch: {
          ...emptyBatch(),
          deployments: [
            {
              id,
              environment: normalizeEnvironment(
                parseInput(deployedContent, content, 'data.subject.content')
                  .environment.id,
              ),
              status: 'success',
              type: deploymentType(kind, custom.type),
              finishedAt: timestamp,
              ...versionOf(content.artifactId),
              commitShas: deployedShas(listed, fromArtifact),
              source: 'cdevents',
            },
          ],
        },
        attribution: locators(
          [serviceId, content.artifactId],
          sources,
          'data.subject.id',
        ),
      };
    }
    case 'pipelinerun.finished':
      return pipelineRun(
        id,
        subject,
        content,
        custom,
        timestamp,
        pipelines,
        sources,
      );
    case 'change.merged':
      return changeMerged(subject, content, custom, timestamp, sources);
    case 'incident.detected':
    case 'incident.reported':
    case 'incident.resolved': {
      const service = parseInput(
        z.looseObject({}).optional(),
        content.service,
        'data.subject.content.service',
      );
      const cause = custom.causedBy;
      return {
        kind: 'batch',
        batch: {
          ...emptyBatch(),
          incidents: [
            {
              // Keyed by the incident, not the event: detection and resolution meet in one record.
              id: `cdevents:${subject.source ?? event.source}:${
                parseInput(withId, subject, 'data.subject').id
              }`,
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
        },
        attribution: locators(
          [service?.id, content.artifactId],
          [service?.source, ...sources],
          'data.subject.content.service.id',
        ),
      };
    }
    default:
      return ignored(`${kind} is not a DORA source`);
  }
}

/**
 * `change.merged` names a change, not a commit. The commits are read from `customData`:
 * `commits` (oldest first, as a GitHub push lists them: `{ id, timestamp, parents? }`, a commit
 * without parents having the one before it, the first one `customData.before`), and the merged
 * commit `customData.sha` (default: the last listed; a SHA as the subject id also works). Every
 * listed commit belongs to the change's PR when the subject names a repository.
 */
function changeMerged(
  subject: Json,
  content: Json,
  custom: Json,
  timestamp: string,
  sources: unknown[],
): Translation {
  if (custom.sha !== undefined && !isSha(custom.sha)) {
    throw new InputError(
      'data.customData.sha: must be a full 40- or 64-character hex commit SHA',
    );
  }
  const listed =
    parseInput(
      listedCommits.optional(),
      custom.commits,
      'data.customData.commits',
    ) ?? [];
  const repository = content.repository?.id;
  const subjectId = typeof subject.id === 'string' ? subject.id : undefined;
  const pr =
    repository && subjectId && !isSha(subjectId)
      ? { prId: `${repository}#${subjectId}`, prMergedAt: timestamp }
      : {};
  const prCreated =
    typeof custom.prCreatedAt === 'string'
      ? { prCreatedAt: custom.prCreatedAt }
      : {};
  let parent: string | undefined = isSha(custom.before)
    ? custom.before
    : undefined;
  const changes: Record<string, unknown>[] = listed.map((commit, i) => {
    const at = `data.customData.commits[${i}]`;
    const sha = commit.id ?? commit.sha;
    if (!isSha(sha))
      throw new InputError(`${at}.id: must be a full commit SHA`);
    const implied = parent ? [parent] : [];
    const parents =
      commit.parents === undefined
        ? implied
        : shas(commit.parents, `${at}.parents`);
    parent = sha;
    return {
      sha,
      committedAt: commit.timestamp,
      ...(parents.length > 0 && { parents }),
      ...pr,
      ...prCreated,
    };
  });
  const merged =
    custom.sha ??
    (isSha(subjectId) ? subjectId : (parent as string | undefined));
  if (merged === undefined) {
    return ignored(
      'change.merged carries no commit (data.customData.sha or .commits, or a SHA as data.subject.id)',
    );
  }
  // customData.kind: `hotfix` or `revert`, an explicit signal on the merged commit.
  const kind =
    custom.kind === 'hotfix' || custom.kind === 'revert'
      ? custom.kind
      : undefined;
  if (!changes.some(c => c.sha === merged)) {
    changes.push({
      sha: merged,
      committedAt: custom.committedAt ?? timestamp,
      ...(parent && parent !== merged && { parents: [parent] }),
      ...pr,
      ...prCreated,
    });
  }
  if (kind) {
    changes.find(c => c.sha === merged)!.kind = kind;
  }
  const slug =
    repositorySlug(content.repository?.source) ?? repositorySlug(repository);
  return {
    kind: 'batch',
    batch: { ...emptyBatch(), changes },
    attribution: [
      ...(slug ? [{ slug }] : []),
      ...locators([], sources, 'data.subject'),
    ],
  };
}

function pipelineRun(
  id: string,
  subject: Json,
  content: Json,
  custom: Json,
  timestamp: string,
  pipelines: DeployPipeline[],
  sources: unknown[],
): Translation {
  const name = content.pipelineName;
  const configured = pipelines.find(p => p.pipeline === name);
  const environment = configured?.environment ?? custom.environment;
  if (environment === undefined) {
    return ignored(`pipeline ${name} is not configured as a deploy`);
  }
  const outcome = { success: 'success', failure: 'failure', error: 'failure' }[
    content.outcome as string
  ];
  if (!outcome) {
    if (content.outcome === 'cancel') return ignored('pipeline run cancelled');
    throw new InputError(
      'data.subject.content.outcome: must be success, failure, error or cancel',
    );
  }
  const fromArtifact = artifactSha(custom.artifactId);
  const listed = shas(custom.commitShas, 'data.customData.commitShas');
  // A pipeline several repositories share is attributed through the run's own repository first.
  const attribution: Locator[] = [
    ...locators(
      [custom.entityRef, custom.kubernetesId, custom.artifactId],
      sources,
      'data.customData',
    ),
    ...(configured?.entityRef ? [{ entityRef: configured.entityRef }] : []),
    ...(configured?.kubernetesId
      ? [{ kubernetesId: configured.kubernetesId }]
      : []),
  ];
  return {
    kind: 'batch',
    batch: {
      ...emptyBatch(),
      deployments: [
        {
          id,
          environment: normalizeEnvironment(String(environment)),
          status: outcome,
          type: 'normal',
          finishedAt: timestamp,
          commitShas: deployedShas(listed, fromArtifact),
          source: 'cdevents',
          ...(subject.id && { changeIds: [String(subject.id)] }),
        },
      ],
    },
    attribution,
  };
}

/**
 * Locators from the subject's own names (first), then from the repositories of the event's
 * sources. A name that is neither an entity ref nor a repository is taken as a kubernetes-id
 * (`service/x` → `x`).
 */
function locators(
  names: unknown[],
  sources: unknown[],
  field: string,
): Locator[] {
  const result: Locator[] = [];
  for (const raw of names) {
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const name = raw.trim();
    const slug = repositorySlug(name);
    if (slug) {
      result.push({ slug });
    } else if (/^pkg:/i.test(name)) {
      continue;
    } else if (/^[a-z]+:[^/]/i.test(name) && !/^[a-z]+:\/\//i.test(name)) {
      result.push({ entityRef: name });
    } else {
      if (name.includes('/') && !name.includes(':'))
        result.push({ slug: name });
      const last = name.split('/').filter(Boolean).pop();
      if (!last) throw new InputError(`${field}: empty service id`);
      result.push({ kubernetesId: last });
    }
  }
  for (const source of sources) {
    const slug = repositorySlug(source);
    if (slug) result.push({ slug });
  }
  return result;
}

/** customData.commitShas when given, else the artifact's commit. */
function deployedShas(listed: string[], fromArtifact: string | undefined) {
  if (listed.length > 0) return listed;
  return fromArtifact ? [fromArtifact] : [];
}

/** The commit of a `pkg:github/owner/repo@<sha>` artifact. */
function artifactSha(artifactId: unknown): string | undefined {
  if (typeof artifactId !== 'string' || !/^pkg:github\//i.test(artifactId)) {
    return undefined;
  }
  const version = versionOf(artifactId).version;
  return isSha(version) ? version.toLowerCase() : undefined;
}

/** `pkg:oci/payment-service@1.4.2?repository_url=…` → version 1.4.2. */
function versionOf(artifactId: unknown): { version?: string } {
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

/** A rollback event deploys a rollback; customData.type marks a hotfix. */
function deploymentType(
  kind: string,
  customType: unknown,
): 'rollback' | 'hotfix' | 'normal' {
  if (kind === 'service.rolledback') return 'rollback';
  return customType === 'hotfix' ? 'hotfix' : 'normal';
}
