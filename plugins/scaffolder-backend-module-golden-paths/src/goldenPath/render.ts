import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import { get } from 'lodash';
import { createTemplateRenderer, TemplateContext } from 'nunjitsu';
import YAML from 'yaml';
import { applyRecord, JsonAnswers } from './record';
import { TemplateVersion } from './versions';

/** A rendered repository: POSIX path → content. */
export type FileSet = Map<string, string>;

const quiet: LoggerService = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quiet;
  },
};

/*
 * Step inputs are evaluated as the scaffolder's workflow runner evaluates them: nunjitsu (the
 * scaffolder's own template engine) with the scaffolder's default filters parseEntityRef
 * (catalog-model's) and pick (lodash's get), string by string through the JSON tree.
 */
const inputRenderer = createTemplateRenderer({
  filters: {
    parseEntityRef: ((ref: any, ctx: any) => parseEntityRef(ref, ctx)) as any,
    pick: ((obj: any, key: any) => get(obj, key)) as any,
  },
});

function renderInput<T>(input: T, context: TemplateContext): T {
  const prepared = inputRenderer.prepareContext(context);
  return JSON.parse(JSON.stringify(input), (_key, value) => {
    if (typeof value !== 'string') return value;
    try {
      return inputRenderer.renderValue(value, prepared);
    } catch {
      return value;
    }
  });
}

function isTruthy(value: unknown) {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

// The skeleton files themselves go through the scaffolder's own fetch:template action.
const fetchTemplate = createFetchTemplateAction({
  // Template versions live on disk (file: base URLs), which fetch:template copies without a reader.
  reader: {
    readUrl: () => Promise.reject(new Error('no URL reader')),
    readTree: () => Promise.reject(new Error('no URL reader')),
    search: () => Promise.reject(new Error('no URL reader')),
  } as any,
  integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
});

export async function readFileSet(dir: string): Promise<FileSet> {
  const files: FileSet = new Map();
  const entries = await fs.promises.readdir(dir, {
    recursive: true,
    withFileTypes: true,
  });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const abs = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dir, abs).split(path.sep).join('/');
    if (rel === '.git' || rel.startsWith('.git/')) continue;
    files.set(rel, await fs.promises.readFile(abs, 'utf8'));
  }
  return files;
}

/**
 * Renders one version of a template with a repository's recorded answers: every
 * `fetch:template` step in order, as the scaffolder ran them, plus the record (answers file
 * and catalog annotations). The publish, register and deploy steps change nothing in the files.
 */
export async function renderTemplateVersion(
  version: TemplateVersion,
  record: { template: string; answers: JsonAnswers },
): Promise<FileSet> {
  const doc = YAML.parse(fs.readFileSync(version.templateFile, 'utf8'));
  const steps: any[] = doc?.spec?.steps ?? [];
  const workspace = await fs.promises.mkdtemp(
    path.join(os.tmpdir(), 'golden-path-render-'),
  );
  const temporaries: string[] = [];
  try {
    const context = { parameters: record.answers } as TemplateContext;
    for (const step of steps) {
      if (step?.action !== 'fetch:template') continue;
      if (step.if !== undefined && !isTruthy(renderInput(step.if, context))) {
        continue;
      }
      const input = renderInput(step.input ?? {}, context);
      if (typeof input.url !== 'string') {
        throw new InputError(
          `${version.templateFile}: step ${step.id} has no input.url`,
        );
      }
      await fetchTemplate.handler({
        input,
        workspacePath: workspace,
        logger: quiet,
        templateInfo: {
          entityRef: record.template,
          baseUrl: pathToFileURL(version.templateFile).toString(),
        },
        async createTemporaryDirectory() {
          const dir = await fs.promises.mkdtemp(
            path.join(os.tmpdir(), 'golden-path-fetch-'),
          );
          temporaries.push(dir);
          return dir;
        },
        output() {},
        checkpoint: async ({ fn }: { fn: () => any }) => fn(),
        getInitiatorCredentials: async () => ({} as any),
        isDryRun: false,
      } as any);
    }
    const files = await readFileSet(workspace);
    return applyRecord(files, {
      template: record.template,
      version: version.version,
      answers: record.answers,
    });
  } finally {
    for (const dir of [workspace, ...temporaries]) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
