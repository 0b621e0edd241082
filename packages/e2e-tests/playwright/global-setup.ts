import fs from 'node:fs';
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
  const portal = await startPortalWithCluster({
    port: Number(process.env.PORTAL_E2E_PORT ?? 7107),
    // Judge the demo workloads right after start, as a fresh portal does within seconds.
    override: {
      conformance: {
        schedule: {
          frequency: { seconds: 10 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 3 },
        },
      },
    },
  });
  return () => portal.stop();
}
