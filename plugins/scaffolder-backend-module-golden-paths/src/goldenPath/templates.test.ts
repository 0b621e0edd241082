import path from 'node:path';
import YAML from 'yaml';
import {
  RECORD_PATH,
  SOURCE_TEMPLATE_ANNOTATION,
  TEMPLATE_VERSION_ANNOTATION,
} from './record';
import { renderTemplateVersion } from './render';
import { checkTemplateVersion } from './checkTemplates';
import { TemplateVersions } from './versions';

// The repository's own golden paths (or GOLDEN_PATH_TEMPLATES, e.g. a proposed change checked out
// elsewhere), rendered as drift renders them.
const versions = new TemplateVersions(
  process.env.GOLDEN_PATH_TEMPLATES ??
    path.resolve(__dirname, '../../../../templates'),
);

const answers = {
  name: 'sample-svc',
  description: 'A sample service for the render test.',
  owner: 'group:default/payments',
  system: 'system:default/payments',
  dependencyOf: 'component:default/invoice-api',
};

describe('the golden-path templates', () => {
  it('all have a version', () => {
    expect(versions.names().sort()).toEqual([
      'cron-job',
      'http-api',
      'message-queue',
      'postgres-database',
      'redis-cache',
      'worker',
    ]);
    for (const name of versions.names()) {
      expect(versions.current(name)?.version).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it.each([
    'http-api',
    'worker',
    'cron-job',
    'postgres-database',
    'redis-cache',
    'message-queue',
  ])(
    '%s renders with sample answers into a recorded, fully rendered repository',
    async name => {
      const current = versions.current(name)!;
      const files = await renderTemplateVersion(current, {
        template: `template:default/${name}`,
        answers,
      });
      // GitHub Actions expressions (${{ secrets.X }}) stay; no scaffolder value is left unrendered.
      const unrendered = [...files]
        .filter(([, content]) => /\$\{\{\s*(values|parameters)\./.test(content))
        .map(([file]) => file);
      expect(unrendered).toEqual([]);
      const entity = YAML.parseAllDocuments(
        files.get('catalog-info.yaml')!,
      )[0].toJS();
      expect(entity.metadata.name).toBe('sample-svc');
      expect(entity.metadata.annotations).toMatchObject({
        [SOURCE_TEMPLATE_ANNOTATION]: `template:default/${name}`,
        [TEMPLATE_VERSION_ANNOTATION]: current.version,
      });
      expect(YAML.parse(files.get(RECORD_PATH)!)).toEqual({
        template: `template:default/${name}`,
        version: current.version,
        answers,
      });
    },
  );

  // Once a template keeps an earlier version (yarn golden-paths:snapshot), its bump must upgrade a
  // fresh service from that version cleanly, and its manifests must pass the conformance checks:
  // the template-change check without the service tests (yarn golden-paths:check runs those).
  it.each(versions.names().sort())(
    '%s passes the template-change check (render, conformance, upgrade from the kept version)',
    async name => {
      const check = await checkTemplateVersion(
        versions,
        name,
        versions.current(name)!.version,
        { runTests: false },
      );
      expect(check.problems).toEqual([]);
    },
  );
});
