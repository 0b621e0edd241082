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
 * The questions the target version added that a repository has no answer for, as one JSON
 * schema object (the properties keep their `ui:*` keys, which the form splits off as the
 * scaffolder's does), or undefined when there are none. A question the recorded version asked
 * too is left out (its default was the answer when the form was filled), unless the target
 * requires it without a default, which the upgrade could not render without. New questions with
 * a default are included: the team may want another value than the default.
 */
export function newQuestions(
  target: TemplateVersion,
  recordedVersion: TemplateVersion,
  recorded: JsonAnswers,
): Record<string, unknown> | undefined {
  const asked = new Set(
    parameterPages(recordedVersion).flatMap(page =>
      Object.keys(page?.properties ?? {}),
    ),
  );
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const page of parameterPages(target)) {
    for (const [key, schema] of Object.entries<any>(page?.properties ?? {})) {
      const isRequired = ((page?.required as string[]) ?? []).includes(key);
      const blocking = isRequired && !(schema && 'default' in schema);
      if (key in recorded || (asked.has(key) && !blocking)) continue;
      properties[key] = schema;
      if (isRequired) required.push(key);
    }
  }
  if (Object.keys(properties).length === 0) return undefined;
  return {
    title: `New in version ${target.version}`,
    type: 'object',
    ...(required.length > 0 && { required }),
    properties,
  };
}
