import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import { readBranch, commitToNewBranch } from './localRepository';
import { RECORD_PATH } from './record';
import { renderTemplateVersion } from './render';
import {
  commitFiles,
  createRepository,
  SKELETON_V1,
  tempDir,
  writeTemplate,
} from './testFixtures';
import { inspectDrift, planUpgrade } from './upgrade';
import { snapshotTemplateVersion, TemplateVersions } from './versions';

const TEMPLATE = 'template:default/svc';
const answers = {
  name: 'invoice-api',
  owner: 'group:default/payments',
  highAvailability: false,
};

// The deployment as v1 renders it for these answers, written out by hand.
const DEPLOYMENT_V1 = `kind: Deployment
metadata:
  name: invoice-api
  namespace: payments
spec:
  replicas: 2
  template:
    resources:
      memory: 128Mi
      cpu: 100m
`;

describe('golden-path upgrade from v1 to v2', () => {
  let root: string;
  let repo: string;
  let versions: TemplateVersions;

  beforeEach(async () => {
    root = tempDir('gp-templates-');
    repo = tempDir('gp-repo-');
    writeTemplate(root, '1.0.0', SKELETON_V1);
    versions = new TemplateVersions(root);
    // Create: what the scaffolder publishes from v1.
    const created = await renderTemplateVersion(versions.get('svc', '1.0.0'), {
      template: TEMPLATE,
      answers,
    });
    await createRepository(repo, created);
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(repo, { recursive: true, force: true });
  });

  it('renders the recorded answers as the scaffolder does, with the record', async () => {
    const { files } = await readBranch(repo);
    expect([...files.keys()].sort()).toEqual([
      '.portal/template.yaml',
      'Dockerfile',
      'README.md',
      'catalog-info.yaml',
      'kubernetes/deployment.yaml',
    ]);
    // highAvailability false stays a boolean (a string "false" would render the spread).
    expect(files.get('kubernetes/deployment.yaml')).toBe(DEPLOYMENT_V1);
    expect(files.get('README.md')).toBe('# invoice-api\n\nRun by payments.\n');
    expect(files.get('catalog-info.yaml')).toContain(
      'backstage.io/source-template: template:default/svc\n    portal.io/template-version: 1.0.0\n',
    );
    expect(files.get(RECORD_PATH)).toContain(
      'template: template:default/svc\nversion: 1.0.0\nanswers:\n  name: invoice-api\n  owner: group:default/payments\n  highAvailability: false\n',
    );
  });

  it('keeps the team edits, takes the template changes and reports the one conflict', async () => {
    // The team changes two files.
    const teamReadme =
      '# invoice-api\n\nRun by payments.\n\nOn call: #payments-oncall\n';
    const teamDeployment = DEPLOYMENT_V1.replace(
      'memory: 128Mi',
      'memory: 300Mi',
    );
    await commitFiles(
      repo,
      new Map([
        ['README.md', teamReadme],
        ['kubernetes/deployment.yaml', teamDeployment],
      ]),
      'More memory, on-call channel',
    );
    // A binary file of the team's, which a text round trip would mangle.
    const logo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0x00, 0xfe, 0x0a]);
    fs.writeFileSync(path.join(repo, 'logo.png'), logo);
    await git.add({ fs, dir: repo, filepath: 'logo.png' });
    await git.commit({
      fs,
      dir: repo,
      message: 'Logo',
      author: { name: 'Team', email: 'team@example.com' },
    });

    // v1 is kept; v2 changes the Dockerfile, adds a file, and changes the memory the team changed.
    snapshotTemplateVersion(root, 'svc');
    writeTemplate(root, '2.0.0', {
      ...SKELETON_V1,
      Dockerfile: SKELETON_V1.Dockerfile.replace('node:22.1', 'node:22.4'),
      'kubernetes/pdb.yaml':
        'kind: PodDisruptionBudget\nmetadata:\n  name: ${{ values.name }}\n',
      'kubernetes/deployment.yaml': SKELETON_V1[
        'kubernetes/deployment.yaml'
      ].replace('memory: 128Mi', 'memory: 256Mi'),
    });
    expect(versions.list('svc').map(v => v.version)).toEqual([
      '1.0.0',
      '2.0.0',
    ]);

    const main = await readBranch(repo);
    const before = await inspectDrift(versions, main.files);
    expect(before).toEqual({
      template: TEMPLATE,
      recordedVersion: '1.0.0',
      latestVersion: '2.0.0',
      behind: 1,
      changed: ['README.md', 'kubernetes/deployment.yaml'],
      missing: [],
    });

    const plan = await planUpgrade(versions, main.files);
    expect(plan.conflicts).toEqual(['kubernetes/deployment.yaml']);
    expect(plan.changes).toEqual([
      { path: '.portal/template.yaml', change: 'template' },
      { path: 'Dockerfile', change: 'template' },
      { path: 'catalog-info.yaml', change: 'template' },
      { path: 'kubernetes/deployment.yaml', change: 'conflict' },
      { path: 'kubernetes/pdb.yaml', change: 'added' },
    ]);
    const commit = await commitToNewBranch(repo, {
      branch: 'golden-path/svc-2.0.0',
      base: main,
      files: plan.files,
      message: 'Upgrade to svc 2.0.0',
      author: { name: 'Portal', email: 'portal@example.com' },
    });

    // The branch holds one commit on top of main; main itself is untouched.
    const log = await git.log({ fs, dir: repo, ref: 'golden-path/svc-2.0.0' });
    expect(log[0].oid).toBe(commit);
    expect(log[0].commit.parent).toEqual([main.commit]);
    expect((await readBranch(repo, 'main')).commit).toBe(main.commit);

    const { blob } = await git.readBlob({
      fs,
      dir: repo,
      oid: commit,
      filepath: 'logo.png',
    });
    expect(Buffer.from(blob)).toEqual(logo);
    const upgraded = (await readBranch(repo, 'golden-path/svc-2.0.0')).files;
    expect(upgraded.get('README.md')).toBe(teamReadme);
    expect(upgraded.get('Dockerfile')).toBe(
      'FROM node:22.4-alpine\nCOPY . .\nCMD ["node", "main.js"]\n',
    );
    expect(upgraded.get('kubernetes/pdb.yaml')).toBe(
      'kind: PodDisruptionBudget\nmetadata:\n  name: invoice-api\n',
    );
    expect(upgraded.get('kubernetes/deployment.yaml')).toBe(
      DEPLOYMENT_V1.replace(
        '      memory: 128Mi\n',
        '<<<<<<< repository\n      memory: 300Mi\n=======\n      memory: 256Mi\n>>>>>>> svc 2.0.0\n',
      ),
    );
    expect(upgraded.get('catalog-info.yaml')).toContain(
      'portal.io/template-version: 2.0.0\n',
    );
    expect(upgraded.get(RECORD_PATH)).toContain('version: 2.0.0\n');

    // After the team resolves the conflict and merges, the repository is current.
    upgraded.set('kubernetes/deployment.yaml', teamDeployment);
    const after = await inspectDrift(versions, upgraded);
    expect(after.recordedVersion).toBe('2.0.0');
    expect(after.behind).toBe(0);
    expect(after.changed).toEqual(['README.md', 'kubernetes/deployment.yaml']);
  });

  it('merges template and team changes to different lines of one file without a conflict', async () => {
    await commitFiles(
      repo,
      new Map([
        [
          'kubernetes/deployment.yaml',
          DEPLOYMENT_V1.replace('cpu: 100m', 'cpu: 400m'),
        ],
      ]),
      'More CPU',
    );
    snapshotTemplateVersion(root, 'svc');
    writeTemplate(root, '1.1.0', {
      ...SKELETON_V1,
      'kubernetes/deployment.yaml': SKELETON_V1[
        'kubernetes/deployment.yaml'
      ].replace('kind: Deployment', 'apiVersion: apps/v1\nkind: Deployment'),
    });
    const plan = await planUpgrade(versions, (await readBranch(repo)).files);
    expect(plan.conflicts).toEqual([]);
    expect(plan.files.get('kubernetes/deployment.yaml')).toBe(
      `apiVersion: apps/v1\n${DEPLOYMENT_V1.replace('cpu: 100m', 'cpu: 400m')}`,
    );
  });

  it('reports files the team deleted as missing, and refuses an upgrade to the same version', async () => {
    fs.rmSync(path.join(repo, 'Dockerfile'));
    await git.remove({ fs, dir: repo, filepath: 'Dockerfile' });
    await git.commit({
      fs,
      dir: repo,
      message: 'No Docker',
      author: { name: 't', email: 't@x' },
    });
    const { files } = await readBranch(repo);
    const drift = await inspectDrift(versions, files);
    expect(drift.missing).toEqual(['Dockerfile']);
    expect(drift.changed).toEqual([]);
    expect(drift.behind).toBe(0);
    await expect(planUpgrade(versions, files)).rejects.toThrow(
      'toVersion: the repository is already on template:default/svc 1.0.0',
    );
  });

  it('asks for a question the new version requires, and fills new defaults', async () => {
    snapshotTemplateVersion(root, 'svc');
    writeTemplate(root, '2.0.0', {
      ...SKELETON_V1,
      'kubernetes/deployment.yaml': SKELETON_V1['kubernetes/deployment.yaml']
        .replace('cpu: 100m', 'cpu: ${{ values.cpu }}')
        .replace(
          'memory: 128Mi',
          'tier: ${{ values.tier }}\n      memory: 128Mi',
        ),
    });
    // The new version asks `tier` (required) and `cpu` (default 250m).
    const file = path.join(root, 'svc.yaml');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace(
          '  steps:\n',
          `  parameters:
    - required: [name, tier]
      properties:
        tier: { type: string }
        cpu: { type: string, default: 250m }
  steps:\n`,
        )
        .replace(
          '          replicas:',
          '          tier: ${{ parameters.tier }}\n          cpu: ${{ parameters.cpu }}\n          replicas:',
        ),
    );
    const { files } = await readBranch(repo);
    // Drift lists the new questions as the form the card shows: only those not answered yet.
    const drift = await inspectDrift(versions, files);
    expect(drift.newQuestions).toEqual({
      title: 'New in version 2.0.0',
      type: 'object',
      required: ['tier'],
      properties: {
        tier: { type: 'string' },
        cpu: { type: 'string', default: '250m' },
      },
    });
    await expect(planUpgrade(versions, files)).rejects.toThrow(
      'answers: version 2.0.0 asks for tier, which this repository has no answer for; give them in answers',
    );
    const plan = await planUpgrade(versions, files, {
      answers: { tier: 'gold' },
    });
    expect(plan.conflicts).toEqual([]);
    expect(plan.files.get('kubernetes/deployment.yaml')).toBe(
      DEPLOYMENT_V1.replace('cpu: 100m', 'cpu: 250m').replace(
        '      memory: 128Mi',
        '      tier: gold\n      memory: 128Mi',
      ),
    );
    // The record keeps the new answers, so later upgrades need not ask again.
    const recorded = plan.files.get(RECORD_PATH)!;
    expect(recorded).toContain('  tier: gold\n');
    expect(recorded).toContain('  cpu: 250m\n');

    // Once on 2.0.0 with those answers, nothing is new to ask.
    await commitFiles(repo, plan.files, 'Upgrade to 2.0.0');
    const upgraded = await inspectDrift(
      versions,
      (
        await readBranch(repo)
      ).files,
    );
    expect(upgraded.behind).toBe(0);
    expect(upgraded.newQuestions).toBeUndefined();
  });
});
