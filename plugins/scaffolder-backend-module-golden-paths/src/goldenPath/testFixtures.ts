import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import { applyRecord, TEMPLATE_VERSION_ANNOTATION } from './record';
import type { FileSet } from './render';

/** A Template in the golden paths' shape: values computed from parameters, one skeleton. */
export function templateYaml(version: string) {
  return `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: svc
  annotations:
    ${TEMPLATE_VERSION_ANNOTATION}: ${version}
spec:
  owner: group:default/platform
  type: service
  steps:
    - id: render
      action: fetch:template
      input:
        url: ./skeletons/svc
        values:
          name: \${{ parameters.name }}
          owner: \${{ parameters.owner }}
          team: \${{ parameters.owner | parseEntityRef | pick('name') }}
          highAvailability: \${{ parameters.highAvailability }}
          replicas: \${{ 3 if parameters.highAvailability else 2 }}
    - id: publish
      action: portal:publish
      input:
        repoName: \${{ parameters.name }}
`;
}

export const SKELETON_V1: Record<string, string> = {
  'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: \${{ values.name }}
  annotations:
    portal.io/golden-path: svc
spec:
  type: service
  lifecycle: experimental
  owner: \${{ values.owner }}
`,
  'README.md': `# \${{ values.name }}

Run by \${{ values.team }}.
`,
  Dockerfile: `FROM node:22.1-alpine
COPY . .
CMD ["node", "main.js"]
`,
  'kubernetes/deployment.yaml': `kind: Deployment
metadata:
  name: \${{ values.name }}
  namespace: \${{ values.team }}
spec:
  replicas: \${{ values.replicas }}
{%- if values.highAvailability %}
  topologySpread: zone
{%- endif %}
  template:
    resources:
      memory: 128Mi
      cpu: 100m
`,
};

export function writeTemplate(
  root: string,
  version: string,
  skeleton: Record<string, string>,
) {
  fs.rmSync(path.join(root, 'skeletons', 'svc'), {
    recursive: true,
    force: true,
  });
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'svc.yaml'), templateYaml(version));
  for (const [file, content] of Object.entries(skeleton)) {
    const target = path.join(root, 'skeletons', 'svc', file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
}

export function tempDir(prefix: string) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

const author = { name: 'Team', email: 'team@example.com' };

/** A git repository with `files` committed on main, checked out. */
export async function createRepository(dir: string, files: FileSet) {
  await git.init({ fs, dir, defaultBranch: 'main' });
  return commitFiles(dir, files, 'Initial commit from the portal');
}

export async function commitFiles(
  dir: string,
  files: FileSet,
  message: string,
) {
  for (const [file, content] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
    await git.add({ fs, dir, filepath: file });
  }
  return git.commit({ fs, dir, message, author });
}

export { applyRecord };
