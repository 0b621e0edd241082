import { InputError } from '@backstage/errors';
import { computeDrift, Drift } from './drift';
import { mergeUpgrade, MergeResult } from './merge';
import { newQuestions, parameterPages } from './questions';
import {
  JsonAnswers,
  parseRecord,
  RECORD_PATH,
  TemplateRecord,
  templateNameOf,
} from './record';
import { FileSet, renderTemplateVersion } from './render';
import { TemplateVersion, TemplateVersions } from './versions';

export function recordOf(files: FileSet): TemplateRecord {
  const content = files.get(RECORD_PATH);
  if (content === undefined) {
    throw new InputError(
      `${RECORD_PATH}: the repository has no record of a golden-path template`,
    );
  }
  return parseRecord(content);
}

/**
 * Drift of a repository (its default branch's files) against its recorded template version,
 * and the questions the newest version asks that the recorded answers lack.
 */
export async function inspectDrift(
  versions: TemplateVersions,
  files: FileSet,
): Promise<
  Drift & { template: string; newQuestions?: Record<string, unknown> }
> {
  const record = recordOf(files);
  const name = templateNameOf(record.template);
  const render = await renderTemplateVersion(
    versions.get(name, record.version),
    record,
  );
  const all = versions.list(name);
  const drift = computeDrift(
    render,
    files,
    record.version,
    all.map(v => v.version),
  );
  const questions =
    drift.behind > 0
      ? newQuestions(
          all[all.length - 1],
          versions.get(name, record.version),
          record.answers,
        )
      : undefined;
  return {
    template: record.template,
    ...drift,
    ...(questions && { newQuestions: questions }),
  };
}

/**
 * The answers a version is rendered with: the recorded ones and those given now, over the
 * defaults of the version's form (as the form would have filled them). A question the version
 * requires that has neither an answer nor a default is refused, naming it, so it is asked first.
 */
export function answersFor(
  version: TemplateVersion,
  recorded: JsonAnswers,
  given: JsonAnswers = {},
): JsonAnswers {
  const pages = parameterPages(version);
  const defaults: JsonAnswers = {};
  const required: string[] = [];
  for (const page of pages) {
    for (const [key, schema] of Object.entries<any>(page?.properties ?? {})) {
      if (schema && 'default' in schema) defaults[key] = schema.default;
    }
    required.push(...((page?.required as string[]) ?? []));
  }
  const answers = { ...defaults, ...recorded, ...given };
  const unanswered = required.filter(key => answers[key] === undefined);
  if (unanswered.length > 0) {
    throw new InputError(
      `answers: version ${version.version} asks for ${unanswered.join(
        ', ',
      )}, which this repository has no answer for; give them in answers`,
    );
  }
  return answers;
}

export interface UpgradePlan extends MergeResult {
  record: TemplateRecord;
  target: TemplateVersion;
}

/**
 * Renders the recorded version and the target version (default: the newest) with the recorded
 * answers, plus `answers` for questions the newer version added, and merges their difference
 * into the repository's files.
 */
export async function planUpgrade(
  versions: TemplateVersions,
  files: FileSet,
  options: { toVersion?: string; answers?: JsonAnswers } = {},
): Promise<UpgradePlan> {
  const record = recordOf(files);
  const name = templateNameOf(record.template);
  const all = versions.list(name);
  const target = options.toVersion
    ? versions.get(name, options.toVersion)
    : all[all.length - 1];
  if (!target || target.version === record.version) {
    throw new InputError(
      `toVersion: the repository is already on ${record.template} ${record.version}`,
    );
  }
  const base = await renderTemplateVersion(
    versions.get(name, record.version),
    record,
  );
  const answers = answersFor(target, record.answers, options.answers);
  const theirs = await renderTemplateVersion(target, {
    template: record.template,
    answers,
  });
  const merged = mergeUpgrade(base, files, theirs, {
    ours: 'repository',
    theirs: `${name} ${target.version}`,
  });
  return { ...merged, record, target };
}
