import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PortalClient } from './PortalClient';
import { cases, templateFiles } from './goldenPathCases';
import {
  PortalWithCluster,
  startPortalWithCluster,
} from './startPortalWithCluster';

// The golden paths with the production publisher (goldenPaths.publisher: github) in the booted
// portal. GitHub is not reachable from here, so the templates are dry-run: the real scaffolder
// renders each template, runs portal:publish and portal:catalog:register in dry-run mode and
// selects the GitHub module's publish:github with the inputs it would get (the scaffolder logs
// them, then skips that action because it has no dry run).

jest.setTimeout(300_000);

describe('golden paths with the github publisher', () => {
  let portal: PortalWithCluster;
  let client: PortalClient;
  const repositories = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-repos-'));

  beforeAll(async () => {
    portal = await startPortalWithCluster({
      override: {
        goldenPaths: {
          repositoryRoot: repositories,
          publisher: 'github',
          github: { owner: 'acme' },
        },
      },
    });
    client = await new PortalClient(portal.backend.baseUrl).signInAsGuest();
    await client.waitForEntities(Object.keys(cases).map(t => `template:${t}`));
  });

  afterAll(async () => {
    await portal?.stop();
    fs.rmSync(repositories, { recursive: true, force: true });
  });

  async function json(res: Response) {
    const text = await res.text();
    if (!res.ok) throw new Error(`${res.status} ${text}`);
    return JSON.parse(text);
  }

  it.each(Object.keys(cases))(
    'dry-runs %s through publish:github and a GitHub URL',
    async name => {
      const { values, operatorKind } = cases[name];
      const template = await json(
        await client.request(
          `/api/catalog/entities/by-name/template/default/${name}`,
        ),
      );
      const result = await json(
        await client.request('/api/scaffolder/v2/dry-run', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            template,
            values,
            directoryContents: templateFiles(),
          }),
        }),
      );
      const stepLog = (stepId: string) =>
        result.log
          .filter((l: any) => l.body.stepId === stepId)
          .map((l: any) => l.body.message)
          .join('\n');

      const repo = `https://github.com/acme/${values.name}`;
      // The GitHub step runs, with the repository portal:publish resolved.
      const github = stepLog('publish-github');
      expect(github).toContain('Running publish:github in dry-run mode');
      expect(github).toContain(
        `"repoUrl": "github.com?owner=acme&repo=${values.name}"`,
      );
      expect(github).toContain(
        `"description": ${JSON.stringify(values.description)}`,
      );
      expect(github).toContain(
        'Skipping because publish:github does not support dry-run',
      );
      // Registration validates the descriptor against the GitHub URL, and registers nothing.
      expect(stepLog('register')).toContain(
        `Dry run: would register ${repo}/blob/main/catalog-info.yaml`,
      );
      expect(result.log.filter((l: any) => l.body.status === 'failed')).toEqual(
        [],
      );

      const kind = operatorKind ? 'resource' : 'component';
      expect(result.output.links).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ title: 'Repository', url: repo }),
          expect.objectContaining({
            entityRef: `${kind}:default/${values.name}`,
          }),
        ]),
      );
      // Nothing on disk: the local publisher is not used.
      expect(fs.readdirSync(repositories)).toEqual([]);
    },
  );
});
