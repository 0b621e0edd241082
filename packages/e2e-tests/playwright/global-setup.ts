import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../src/startPortalBackend';
import { startPortalWithCluster } from '../src/startPortalWithCluster';

export default async function globalSetup() {
  const appDist = path.join(repoRoot, 'packages/app/dist/index.html');
  if (!fs.existsSync(appDist)) {
    throw new Error(
      `${appDist} is missing: build the app first (yarn workspace app build)`,
    );
  }
  // Repositories the scaffolder spec creates go to a folder of this run, never to the developer's
  // .data/repositories, which the catalog would otherwise register for every later run.
  const repositories = fs.mkdtempSync(
    path.join(os.tmpdir(), 'portal-e2e-repos-'),
  );
  const portal = await startPortalWithCluster({
    port: Number(process.env.PORTAL_E2E_PORT ?? 7107),
    override: {
      goldenPaths: { repositoryRoot: repositories },
      // A fresh portal judges the demo workloads once it is ready; entities the specs register
      // later are found by the catalog comparison, here every 10 s instead of every 2 minutes.
      conformance: {
        catalogChanges: {
          frequency: { seconds: 10 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 3 },
        },
      },
    },
  }).catch(e => {
    fs.rmSync(repositories, { recursive: true, force: true });
    throw e;
  });
  return async () => {
    await portal.stop();
    fs.rmSync(repositories, { recursive: true, force: true });
  };
}
