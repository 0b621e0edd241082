import fs from 'node:fs';
import YAML from 'yaml';
import type { JsonAnswers } from './record';
import type { TemplateVersion } from './versions';

/** The form pages of a template version (`spec.parameters`, one object or a list of pages). */
export function parameterPages(version: TemplateVersion): any[] {
  const doc = YAML.parse(fs.readFileSync(version.templateFile, 'utf8'));
  return [doc?.spec?.parameters ?? []].flat().filter(Boolean);
}

/**
 * The questions a version asks that a repository's recorded answers lack, as one JSON schema
 * object (the properties keep their `ui:*` keys, which the form splits off as the scaffolder's
 * does), or undefined when it asks nothing new. Questions with a default are included too: the
 * team may want another value than the default the upgrade would otherwise take.
 */
export function newQuestions(
  version: TemplateVersion,
  recorded: JsonAnswers,
): Record<string, unknown> | undefined {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const page of parameterPages(version)) {
    for (const [key, schema] of Object.entries<any>(page?.properties ?? {})) {
      if (key in recorded) continue;
      properties[key] = schema;
      if (((page?.required as string[]) ?? []).includes(key)) {
        required.push(key);
      }
    }
  }
  if (Object.keys(properties).length === 0) return undefined;
  return {
    title: `New in version ${version.version}`,
    type: 'object',
    ...(required.length > 0 && { required }),
    properties,
  };
}
