import fs from 'node:fs';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  applyRecord,
  checkVersion,
  RECORD_PATH,
  TEMPLATE_VERSION_ANNOTATION,
} from '../goldenPath/record';

export const RECORD_ACTION_ID = 'portal:golden-path:record';

/**
 * Records in the workspace which template version created it and with which answers:
 * `.portal/template.yaml`, and `backstage.io/source-template` and `portal.io/template-version` in
 * catalog-info.yaml. The template and its version come from the running template itself, so a
 * template cannot record another's.
 */
export function createRecordTemplateAction() {
  return createTemplateAction({
    id: RECORD_ACTION_ID,
    description:
      'Records the template, its version and the answers in .portal/template.yaml and catalog-info.yaml, for drift and upgrade.',
    supportsDryRun: true,
    schema: {
      input: {
        answers: z =>
          z
            .record(z.unknown())
            .describe('The answers given: ${{ parameters }}'),
        sourcePath: z =>
          z.string().optional().describe('Workspace subfolder; default .'),
      },
      output: {
        template: z => z.string(),
        version: z => z.string(),
      },
    },
    async handler(ctx) {
      const info = ctx.templateInfo;
      if (!info?.entityRef) {
        throw new InputError('templateInfo: the task has no template');
      }
      // A dry run's entityRef is template:default/dry-run; the metadata names the real template.
      const metadata = info.entity?.metadata;
      const template = stringifyEntityRef(
        metadata?.name
          ? {
              kind: 'template',
              namespace: metadata.namespace ?? 'default',
              name: metadata.name,
            }
          : parseEntityRef(info.entityRef, { defaultKind: 'template' }),
      );
      const version = checkVersion(
        info.entity?.metadata.annotations?.[TEMPLATE_VERSION_ANNOTATION],
        `${template}: metadata.annotations.${TEMPLATE_VERSION_ANNOTATION}`,
      );
      const dir = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
      );
      const catalogInfoPath = path.join(dir, 'catalog-info.yaml');
      const files = new Map<string, string>();
      if (fs.existsSync(catalogInfoPath)) {
        files.set(
          'catalog-info.yaml',
          fs.readFileSync(catalogInfoPath, 'utf8'),
        );
      }
      const recorded = applyRecord(files, {
        template,
        version,
        answers: ctx.input.answers,
      });
      for (const [file, content] of recorded) {
        const target = path.join(dir, file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, content);
      }
      ctx.logger.info(`Recorded ${template} ${version} in ${RECORD_PATH}`);
      ctx.output('template', template);
      ctx.output('version', version);
    },
  });
}
