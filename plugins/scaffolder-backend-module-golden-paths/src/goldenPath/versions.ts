import fs from 'node:fs';
import path from 'node:path';
import { NotFoundError } from '@backstage/errors';
import YAML from 'yaml';
import {
  checkVersion,
  compareVersions,
  TEMPLATE_VERSION_ANNOTATION,
} from './record';

/** One renderable version of a golden-path template. */
export interface TemplateVersion {
  name: string;
  version: string;
  /** Absolute path of the Template YAML; its `./skeletons/...` URLs resolve against it. */
  templateFile: string;
}

/**
 * The versions of the templates under one templates folder:
 *
 * - `<root>/<name>.yaml` is the current version (the one `/create` offers), its version in
 *   `metadata.annotations['portal.io/template-version']`;
 * - `<root>/versions/<name>/<version>/template.yaml` with the skeletons it used beside it
 *   (`skeletons/...`) are the earlier ones, kept so that services created from them can be
 *   compared and upgraded. `snapshotTemplateVersion` writes one before a version bump.
 *
 * Folders rather than git tags because the production image has the templates but no git history.
 */
export class TemplateVersions {
  constructor(private readonly root: string) {}

  current(name: string): TemplateVersion | undefined {
    const templateFile = path.join(this.root, `${name}.yaml`);
    if (!fs.existsSync(templateFile)) return undefined;
    return { name, version: readTemplateVersion(templateFile), templateFile };
  }

  /** Every version of a template, oldest first. */
  list(name: string): TemplateVersion[] {
    const current = this.current(name);
    const dir = path.join(this.root, 'versions', name);
    const earlier = fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter(v => fs.existsSync(path.join(dir, v, 'template.yaml')))
          .map(v => ({
            name,
            version: checkVersion(v, `${path.join(dir, v)}: folder name`),
            templateFile: path.join(dir, v, 'template.yaml'),
          }))
      : [];
    const all = current
      ? [...earlier.filter(e => e.version !== current.version), current]
      : earlier;
    return all.sort((a, b) => compareVersions(a.version, b.version));
  }

  get(name: string, version: string): TemplateVersion {
    const found = this.list(name).find(v => v.version === version);
    if (!found) {
      throw new NotFoundError(
        `template ${name} has no version ${version} under ${this.root}`,
      );
    }
    return found;
  }

  /** Names of the templates with a current version. */
  names(): string[] {
    return fs
      .readdirSync(this.root)
      .filter(f => f.endsWith('.yaml'))
      .map(f => f.slice(0, -'.yaml'.length))
      .filter(name => {
        const doc = YAML.parse(
          fs.readFileSync(path.join(this.root, `${name}.yaml`), 'utf8'),
        );
        return doc?.kind === 'Template';
      });
  }
}

export function readTemplateVersion(templateFile: string): string {
  const doc = YAML.parse(fs.readFileSync(templateFile, 'utf8'));
  return checkVersion(
    doc?.metadata?.annotations?.[TEMPLATE_VERSION_ANNOTATION],
    `${templateFile}: metadata.annotations.${TEMPLATE_VERSION_ANNOTATION}`,
  );
}

/**
 * Copies the current version of a template, with the skeleton folders its steps fetch, to
 * `versions/<name>/<version>/`, so it stays renderable after the template is changed and bumped.
 */
export function snapshotTemplateVersion(root: string, name: string): string {
  const templateFile = path.join(root, `${name}.yaml`);
  const version = readTemplateVersion(templateFile);
  const target = path.join(root, 'versions', name, version);
  if (fs.existsSync(target)) {
    throw new Error(`${target} already exists; bump the version first`);
  }
  const doc = YAML.parse(fs.readFileSync(templateFile, 'utf8'));
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(templateFile, path.join(target, 'template.yaml'));
  for (const step of doc?.spec?.steps ?? []) {
    const url = step?.input?.url;
    if (step?.action === 'fetch:template' && typeof url === 'string') {
      fs.cpSync(path.resolve(root, url), path.resolve(target, url), {
        recursive: true,
      });
    }
  }
  return target;
}
