import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PortalClient } from './PortalClient';
import {
  PortalBackend,
  repoRoot,
  startPortalBackend,
} from './startPortalBackend';

// What the golden-path upgrade test and the golden-path card's browser spec both need: a portal
// of their own whose templates are a copy they may publish new versions in, the local publisher's
// repositories, and the owning team's member signed in.

/** Git as the payments team commits in a generated repository. */
export function gitAsPayments(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=Payments',
      '-c',
      'user.email=payments@example.com',
      ...args,
    ],
    { cwd, encoding: 'utf8' },
  );
}

/**
 * Rewrites one file of a templates copy, failing if the text to replace is gone (a template that
 * changed under the test must fail here, not as a confusing drift later).
 */
export function editTemplateFile(
  templates: string,
  file: string,
  from: string,
  to: string,
) {
  const p = path.join(templates, file);
  const text = fs.readFileSync(p, 'utf8');
  if (!text.includes(from)) {
    throw new Error(`${file} no longer contains ${JSON.stringify(from)}`);
  }
  // A function, so `$'` in the new text (a pattern's end) is not a replacement pattern.
  fs.writeFileSync(
    p,
    text.replace(from, () => to),
  );
}

/** Keeps http-api 1.0.0 (its template and skeletons) under versions/, as the platform does before publishing the next. */
export function keepHttpApi100(templates: string) {
  const kept = path.join(templates, 'versions/http-api/1.0.0');
  fs.mkdirSync(path.join(kept, 'skeletons'), { recursive: true });
  fs.copyFileSync(
    path.join(templates, 'http-api.yaml'),
    path.join(kept, 'template.yaml'),
  );
  for (const skeleton of ['http-api', 'node-service']) {
    fs.cpSync(
      path.join(templates, 'skeletons', skeleton),
      path.join(kept, 'skeletons', skeleton),
      { recursive: true },
    );
  }
}

export interface GoldenPathPortal {
  backend: PortalBackend;
  /** Signed in as priya.raman, a member of payments (upgrading is for owners and admins). */
  client: PortalClient;
  /** The copy of templates/ drift and upgrade render from. */
  templates: string;
  /** Where the local publisher creates repositories. */
  repositories: string;
}

/** Boots the portal in `tmp` and waits until the member, the team and `templateRefs` are in the catalog. */
export async function startGoldenPathPortal(
  tmp: string,
  templateRefs: string[],
  timeoutMs = 120_000,
): Promise<GoldenPathPortal> {
  const repositories = path.join(tmp, 'repositories');
  const templates = path.join(tmp, 'templates');
  fs.mkdirSync(repositories);
  fs.cpSync(path.join(repoRoot, 'templates'), templates, { recursive: true });
  const backend = await startPortalBackend({
    configs: ['app-config.yaml'],
    env: { PORTAL_DATA_DIR: path.join(tmp, 'data') },
    timeoutMs: 300_000,
    override: {
      goldenPaths: { repositoryRoot: repositories, templateRoot: templates },
      auth: {
        providers: { guest: { userEntityRef: 'user:default/priya.raman' } },
      },
    },
  });
  const anonymous = new PortalClient(backend.baseUrl);
  await (
    await anonymous.signInAsGuest()
  ).waitForEntities(['User:priya.raman', 'Group:payments'], timeoutMs);
  // Signed in again once the user entity exists, so the token carries payments' membership.
  const client = await anonymous.signInAsGuest();
  await client.waitForEntities(templateRefs, timeoutMs);
  return { backend, client, templates, repositories };
}
